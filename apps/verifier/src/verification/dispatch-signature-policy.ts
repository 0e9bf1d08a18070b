import type {
  DocumentVerificationReport,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import { type DispatchRejection, DispatchRejectionCode } from './dispatch-rejection';

export interface VerifiedFile {
  fileName: string;
  report: DocumentVerificationReport;
}

/**
 * The axis' acceptance rule (QĐ 28/2018, NĐ 30/2020): every PDF of a dispatch must carry valid
 * signatures only, and among them a valid signature of the SENDING agency's organization
 * certificate (its "seal"); the leader's personal signature is reported but not enough alone.
 * Returns null when the dispatch may travel, or the first reason it may not.
 */
export function judgeDispatchSignatures(
  senderCode: string,
  files: readonly VerifiedFile[],
): DispatchRejection | null {
  for (const file of files) {
    const rejection = judgeFile(senderCode, file);
    if (rejection) return rejection;
  }
  return null;
}

function judgeFile(
  senderCode: string,
  { fileName, report }: VerifiedFile,
): DispatchRejection | null {
  if (report.signatures.length === 0) {
    if (report.subIndication === 'FORMAT_FAILURE') {
      return reject(DispatchRejectionCode.PdfMalformed, `"${fileName}" is not a readable PDF.`);
    }
    return reject(
      DispatchRejectionCode.PdfUnsigned,
      `"${fileName}" carries no digital signature; sign it with the agency's certificate of the dedicated CA.`,
    );
  }
  for (const signature of report.signatures) {
    if (signature.indication !== 'TOTAL-PASSED') return rejectSignature(fileName, signature);
    if (signature.weakAlgorithm) {
      return reject(
        DispatchRejectionCode.WeakAlgorithm,
        `Signature ${describe(signature)} on "${fileName}" uses ${signature.digestAlgorithm}, which is too weak.`,
      );
    }
  }
  const organizationSignatures = report.signatures.filter((s) => s.signer.kind === 'organization');
  if (organizationSignatures.some((s) => s.signer.agencyCode === senderCode)) return null;
  const other = organizationSignatures.find((s) => s.signer.agencyCode !== undefined);
  if (other) {
    return reject(
      DispatchRejectionCode.SignerNotSender,
      `"${fileName}" is signed by agency ${other.signer.agencyCode ?? '?'}, not by the sender ${senderCode}.`,
    );
  }
  return reject(
    DispatchRejectionCode.AgencySignatureMissing,
    `"${fileName}" lacks the signature of agency ${senderCode}'s organization certificate (chữ ký số của cơ quan).`,
  );
}

function rejectSignature(fileName: string, signature: SignatureReport): DispatchRejection {
  const where = `Signature ${describe(signature)} on "${fileName}"`;
  if (signature.coverage.modificationsAfterSigning === 'disallowed') {
    return reject(
      DispatchRejectionCode.DocumentModifiedAfterSigning,
      `${where}: the document was changed after it was signed.`,
    );
  }
  switch (signature.subIndication) {
    case 'HASH_FAILURE':
      return reject(
        DispatchRejectionCode.SignatureHashMismatch,
        `${where}: the signed bytes were altered.`,
      );
    case 'SIG_CRYPTO_FAILURE':
      return reject(
        DispatchRejectionCode.SignatureInvalid,
        `${where}: the signature value does not verify.`,
      );
    case 'NO_CERTIFICATE_CHAIN_FOUND':
    case 'NO_SIGNING_CERTIFICATE_FOUND':
      return reject(
        DispatchRejectionCode.CertificateUntrusted,
        `${where}: the certificate does not chain to the dedicated government root CA.`,
      );
    case 'EXPIRED':
      return reject(
        DispatchRejectionCode.CertificateExpired,
        `${where}: the certificate had expired at signing time.`,
      );
    case 'NOT_YET_VALID':
      return reject(
        DispatchRejectionCode.CertificateNotYetValid,
        `${where}: the certificate was not yet valid at signing time.`,
      );
    case 'REVOKED':
      return reject(
        DispatchRejectionCode.CertificateRevoked,
        `${where}: the certificate was revoked before signing.`,
      );
    case 'REVOKED_NO_POE':
      return reject(
        DispatchRejectionCode.CertificateRevokedKeyCompromise,
        `${where}: the certificate was revoked for a key compromise (or without a reason), so its claimed signing time proves nothing; re-sign with a valid certificate.`,
      );
    case 'CHAIN_CONSTRAINTS_FAILURE':
    case 'SIG_CONSTRAINTS_FAILURE':
    case 'CRYPTO_CONSTRAINTS_FAILURE':
      return reject(
        DispatchRejectionCode.CertificateNotAllowed,
        `${where}: the certificate may not be used for document signatures.`,
      );
    case 'TRY_LATER':
      return reject(
        DispatchRejectionCode.RevocationUnknown,
        `${where}: the certificate's revocation status could not be established.`,
      );
    default:
      return reject(
        DispatchRejectionCode.PdfMalformed,
        `${where}: the signature is malformed (${signature.subIndication ?? 'unknown'}).`,
      );
  }
}

function describe(signature: SignatureReport): string {
  const who = signature.signer.commonName ?? signature.signer.subject;
  return `#${signature.index + 1} (${who})`;
}

function reject(code: DispatchRejectionCode, message: string): DispatchRejection {
  return { code, message };
}

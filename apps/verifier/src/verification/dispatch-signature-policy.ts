import type {
  DocumentVerificationReport,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import { type DispatchRejection, DispatchRejectionCode } from './dispatch-rejection';
import type { RejectedSignature } from './dispatch-rejection-wording';
import { rejectionOf } from './dispatch-rejection-wording.registry';

export interface VerifiedFile {
  fileName: string;
  report: DocumentVerificationReport;
}

/**
 * The axis' acceptance rule (QĐ 28/2018, NĐ 30/2020): every PDF of a dispatch must carry valid
 * signatures only, and among them a valid signature of the SENDING agency's organization
 * certificate (its "seal"); the leader's personal signature is reported but not enough alone.
 * Returns null when the dispatch may travel, or the first reason it may not. A revocation status
 * that could not be established (REVOCATION_STATUS_UNAVAILABLE, which a later try may clear) is
 * returned only when nothing else is wrong: any final reason, in any file, comes first.
 */
export function judgeDispatchSignatures(
  senderCode: string,
  files: readonly VerifiedFile[],
): DispatchRejection | null {
  let unavailable: DispatchRejection | null = null;
  for (const file of files) {
    const rejection = judgeFile(senderCode, file);
    if (rejection && !isRevocationUnavailable(rejection)) return rejection;
    unavailable ??= rejection;
  }
  return unavailable;
}

/** Whether the only thing wrong is a revocation status no source could give (not a hold). */
export function isRevocationUnavailable(rejection: DispatchRejection): boolean {
  return rejection.code === DispatchRejectionCode.RevocationUnknown;
}

function judgeFile(
  senderCode: string,
  { fileName, report }: VerifiedFile,
): DispatchRejection | null {
  const file = { fileName, senderCode };
  if (report.signatures.length === 0) {
    return rejectionOf(
      report.subIndication === 'FORMAT_FAILURE'
        ? DispatchRejectionCode.PdfMalformed
        : DispatchRejectionCode.PdfUnsigned,
      file,
    );
  }
  let unavailable: DispatchRejection | null = null;
  for (const signature of report.signatures) {
    const atFault = () => ({ ...file, signature: rejectedSignature(signature) });
    if (signature.indication !== 'TOTAL-PASSED') {
      const rejection = rejectionOf(signatureRejectionCode(signature), atFault());
      if (!isRevocationUnavailable(rejection)) return rejection;
      // Judged as if it passed: its status may come later, the rest must hold anyway.
      unavailable ??= rejection;
    }
    if (signature.weakAlgorithm) {
      return rejectionOf(DispatchRejectionCode.WeakAlgorithm, atFault());
    }
  }
  const organizationSignatures = report.signatures.filter((s) => s.signer.kind === 'organization');
  if (organizationSignatures.some((s) => s.signer.agencyCode === senderCode)) return unavailable;
  const other = organizationSignatures.find((s) => s.signer.agencyCode !== undefined);
  if (other) {
    return rejectionOf(DispatchRejectionCode.SignerNotSender, {
      ...file,
      signerAgencyCode: other.signer.agencyCode,
    });
  }
  return rejectionOf(DispatchRejectionCode.AgencySignatureMissing, file);
}

/** Why a signature that did not pass refuses the dispatch (its words: dispatch-rejection-wording). */
function signatureRejectionCode(signature: SignatureReport): DispatchRejectionCode {
  if (signature.coverage.modificationsAfterSigning === 'disallowed') {
    return DispatchRejectionCode.DocumentModifiedAfterSigning;
  }
  switch (signature.subIndication) {
    case 'HASH_FAILURE':
      return DispatchRejectionCode.SignatureHashMismatch;
    case 'SIG_CRYPTO_FAILURE':
      return DispatchRejectionCode.SignatureInvalid;
    case 'NO_CERTIFICATE_CHAIN_FOUND':
    case 'NO_SIGNING_CERTIFICATE_FOUND':
      return DispatchRejectionCode.CertificateUntrusted;
    case 'EXPIRED':
    case 'OUT_OF_BOUNDS_NO_POE':
      return DispatchRejectionCode.CertificateExpired;
    case 'NOT_YET_VALID':
      return DispatchRejectionCode.CertificateNotYetValid;
    case 'REVOKED':
      return DispatchRejectionCode.CertificateRevoked;
    case 'REVOKED_NO_POE':
      return DispatchRejectionCode.CertificateRevokedKeyCompromise;
    case 'CHAIN_CONSTRAINTS_FAILURE':
    case 'SIG_CONSTRAINTS_FAILURE':
    case 'CRYPTO_CONSTRAINTS_FAILURE':
      return DispatchRejectionCode.CertificateNotAllowed;
    case 'TRY_LATER':
      return signature.messages.some((message) => message.code === 'CERTIFICATE_ON_HOLD')
        ? DispatchRejectionCode.CertificateOnHold
        : DispatchRejectionCode.RevocationUnknown;
    default:
      return DispatchRejectionCode.PdfMalformed;
  }
}

function rejectedSignature(signature: SignatureReport): RejectedSignature {
  return {
    position: signature.index + 1,
    signer: signature.signer.commonName ?? signature.signer.subject,
    digestAlgorithm: signature.digestAlgorithm,
    subIndication: signature.subIndication,
  };
}

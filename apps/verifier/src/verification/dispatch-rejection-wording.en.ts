import { DispatchRejectionCode as Code } from './dispatch-rejection';
import type { DispatchRejectionWording, RejectionFacts } from './dispatch-rejection-wording';

/** `Signature #2 (signer) on "file.pdf"`, or the file alone when no signature is at fault. */
function where({ fileName, signature }: RejectionFacts): string {
  if (!signature) return `"${fileName}"`;
  return `Signature #${signature.position} (${signature.signer}) on "${fileName}"`;
}

/** The rejections as the verifier first worded them (the English `message`, unchanged). */
export const DISPATCH_REJECTION_WORDING_EN: DispatchRejectionWording = {
  [Code.PdfUnsigned]: ({ fileName }) =>
    `"${fileName}" carries no digital signature; sign it with the agency's certificate of the dedicated CA.`,
  [Code.PdfMalformed]: (facts) =>
    facts.signature
      ? `${where(facts)}: the signature is malformed (${facts.signature.subIndication ?? 'unknown'}).`
      : `"${facts.fileName}" is not a readable PDF.`,
  [Code.SignatureHashMismatch]: (facts) => `${where(facts)}: the signed bytes were altered.`,
  [Code.SignatureInvalid]: (facts) => `${where(facts)}: the signature value does not verify.`,
  [Code.DocumentModifiedAfterSigning]: (facts) =>
    `${where(facts)}: the document was changed after it was signed.`,
  [Code.CertificateUntrusted]: (facts) =>
    `${where(facts)}: the certificate does not chain to the dedicated government root CA.`,
  [Code.CertificateExpired]: (facts) =>
    facts.signature?.subIndication === 'OUT_OF_BOUNDS_NO_POE'
      ? `${where(facts)}: the certificate has expired, and no signature timestamp proves the signature was made while it was valid; re-sign with a valid certificate.`
      : `${where(facts)}: the certificate had expired at signing time.`,
  [Code.CertificateNotYetValid]: (facts) =>
    `${where(facts)}: the certificate was not yet valid at signing time.`,
  [Code.CertificateRevoked]: (facts) =>
    `${where(facts)}: the certificate was revoked before signing.`,
  [Code.CertificateRevokedKeyCompromise]: (facts) =>
    `${where(facts)}: the certificate was revoked for a key compromise (or without a reason), so its claimed signing time proves nothing; re-sign with a valid certificate.`,
  [Code.CertificateOnHold]: (facts) =>
    `${where(facts)}: the certificate is on hold (suspended by its CA): it is neither valid nor revoked until the CA releases or revokes it; send the dispatch again once it is released, or re-sign with a valid certificate.`,
  [Code.CertificateNotAllowed]: (facts) =>
    `${where(facts)}: the certificate may not be used for document signatures.`,
  [Code.WeakAlgorithm]: (facts) =>
    `${where(facts)} uses ${facts.signature?.digestAlgorithm ?? 'an algorithm'}, which is too weak.`,
  [Code.RevocationUnknown]: (facts) =>
    `${where(facts)}: the certificate's revocation status could not be established (no CRL or OCSP source answered while the axis kept trying); send the dispatch again once the CA's revocation sources are reachable.`,
  [Code.SignerNotSender]: ({ fileName, senderCode, signerAgencyCode }) =>
    `"${fileName}" is signed by agency ${signerAgencyCode ?? '?'}, not by the sender ${senderCode}.`,
  [Code.AgencySignatureMissing]: ({ fileName, senderCode }) =>
    `"${fileName}" lacks the signature of agency ${senderCode}'s organization certificate (chữ ký số của cơ quan).`,
  [Code.FileMissing]: ({ fileName }) =>
    `"${fileName}" is missing from the dispatch's stored files; send the dispatch again.`,
};

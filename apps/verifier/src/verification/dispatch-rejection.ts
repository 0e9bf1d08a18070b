/**
 * Why the axis refused a dispatch after verifying its signatures. These codes are part of the
 * public API (GET /dispatches/:id → rejection.code) and never change meaning once published.
 */
export enum DispatchRejectionCode {
  PdfUnsigned = 'PDF_UNSIGNED',
  PdfMalformed = 'PDF_MALFORMED',
  SignatureHashMismatch = 'SIGNATURE_HASH_MISMATCH',
  SignatureInvalid = 'SIGNATURE_INVALID',
  DocumentModifiedAfterSigning = 'DOCUMENT_MODIFIED_AFTER_SIGNING',
  CertificateUntrusted = 'CERTIFICATE_UNTRUSTED',
  CertificateExpired = 'CERTIFICATE_EXPIRED',
  CertificateNotYetValid = 'CERTIFICATE_NOT_YET_VALID',
  CertificateRevoked = 'CERTIFICATE_REVOKED',
  /** Revoked for a key compromise (or without a reason) and no timestamp proves the signature
   * predates it: the signer's claimed signing time proves nothing. */
  CertificateRevokedKeyCompromise = 'CERTIFICATE_REVOKED_KEY_COMPROMISE',
  /** Its certificate (or a CA certificate of its path) is on hold: suspended by the CA, so the
   * signature can be judged only once the CA releases or revokes it. */
  CertificateOnHold = 'CERTIFICATE_ON_HOLD',
  CertificateNotAllowed = 'CERTIFICATE_NOT_ALLOWED',
  WeakAlgorithm = 'SIGNATURE_ALGORITHM_WEAK',
  RevocationUnknown = 'REVOCATION_STATUS_UNAVAILABLE',
  SignerNotSender = 'SIGNER_NOT_SENDER',
  AgencySignatureMissing = 'AGENCY_SIGNATURE_MISSING',
  FileMissing = 'FILE_MISSING',
}

export interface DispatchRejection {
  code: DispatchRejectionCode;
  /** For the sender's clerk, in English: which file and signature, and what to do about it. */
  message: string;
  /** The same in Vietnamese (the axis' default language). */
  messageVi: string;
}

import { checkDocumentSigningPurpose } from './document-signing-purpose';
import { checkExpiryWithoutProof } from './expired-without-proof';
import type {
  SignerCertificateCheck,
  SignerCertificateResult,
  SignerCertificateValidator,
} from './signer-certificate-validator';

/**
 * The certificate of a document's signer (a PDF signature, an edXML packet's XML signature):
 * the shared path, validity, key-usage and revocation checks, plus the two rules only a document
 * signer has (a TSA's certificate, also judged by `SignerCertificateValidator`, must not get
 * them): its extendedKeyUsage must allow signing documents, and without a timestamp proving the
 * signing time, a certificate of the path expired by the validation time is not saved by it.
 */
export async function validateDocumentSignerCertificate(
  certificates: SignerCertificateValidator,
  check: SignerCertificateCheck,
): Promise<SignerCertificateResult> {
  checkDocumentSigningPurpose(check.signer, check.findings);
  const result = await certificates.validate(check);
  if (check.signingTimeProven !== true) {
    const signingTime = check.signingTime ?? check.validationTime;
    checkExpiryWithoutProof(result.chain, signingTime, check.validationTime, check.findings);
  }
  return result;
}

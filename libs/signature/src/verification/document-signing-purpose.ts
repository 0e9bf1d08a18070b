import { OID } from '@docaxis/signature/cms/object-identifiers';
import { defect, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';

/**
 * extendedKeyUsage purposes under which a certificate may sign a document: any purpose, S/MIME
 * (what CAs issue for signing), RFC 9336 documentSigning, and the Adobe and Microsoft document
 * signing purposes (the list Adobe Acrobat accepts, without codeSigning).
 */
const DOCUMENT_SIGNING_PURPOSES: ReadonlySet<string> = new Set([
  OID.anyExtendedKeyUsage,
  OID.kpEmailProtection,
  OID.kpDocumentSigning,
  OID.adobeAuthenticDocumentsTrust,
  OID.microsoftDocumentSigning,
]);

/**
 * RFC 5280 §4.2.1.12: with an extendedKeyUsage the certificate may be used only for the purposes
 * it lists. A TSA, OCSP responder or TLS certificate of the same CA must not sign a dispatch, so
 * a PDF signer's purposes must include signing documents. Without the extension any purpose goes.
 * Checked for document signatures only: the timestamp and OCSP paths require their own purpose.
 */
export function checkDocumentSigningPurpose(
  signer: ParsedCertificate,
  findings: ValidationFinding[],
): void {
  const purposes = signer.extendedKeyUsage;
  if (!purposes || purposes.some((purpose) => DOCUMENT_SIGNING_PURPOSES.has(purpose))) return;
  findings.push(
    defect(
      'CHAIN_CONSTRAINTS_FAILURE',
      'SIGNER_EXTENDED_KEY_USAGE',
      `signer certificate extended key usage (${purposes.join(', ')}) does not allow signing documents`,
    ),
  );
}

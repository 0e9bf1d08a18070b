import { verifyCmsSignature } from '@docaxis/signature/cms/cms-signature-verifier';
import { pemToDer } from '@docaxis/signature/pki/pem-encoding';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { checkpointStatementBytes, type CheckpointStatement } from './checkpoint-statement';

export type CheckpointSignatureCheck = { valid: true } | { valid: false; reason: string };

/**
 * Checks a checkpoint's CMS against the statement rebuilt from its columns, with the same RFC 5652
 * verification as dispatch signatures, and requires the signer to be the axis certificate pinned
 * in configuration: a valid signature by anyone else proves nothing about the axis' log.
 */
export class CheckpointSignatureVerifier {
  private readonly pinnedDer: Buffer;
  private readonly certificates = new CertificateCache(16);

  constructor(axisCertPem: string) {
    this.pinnedDer = pemToDer(axisCertPem, 'CERTIFICATE');
  }

  check(statement: CheckpointStatement, signedData: Buffer): CheckpointSignatureCheck {
    const result = verifyCmsSignature({
      cms: signedData,
      signedContent: [checkpointStatementBytes(statement)],
      certificateCache: this.certificates,
    });
    const defect = result.findings.find((finding) => finding.subIndication !== undefined);
    if (defect) return { valid: false, reason: `${defect.code}: ${defect.text}` };
    if (!result.signerCertificate?.der.equals(this.pinnedDer)) {
      return { valid: false, reason: 'signed by a certificate other than the axis certificate' };
    }
    return { valid: true };
  }
}

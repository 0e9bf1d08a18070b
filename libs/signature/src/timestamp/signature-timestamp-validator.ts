import { createHash } from 'node:crypto';
import { Asn1DecodingError } from '@docaxis/signature/cms/asn1-decoding-error';
import { verifyCmsSignature } from '@docaxis/signature/cms/cms-signature-verifier';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import { UnsupportedAlgorithmError } from '@docaxis/signature/cms/unsupported-algorithm-error';
import type { ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import type { SignerCertificateValidator } from '@docaxis/signature/verification/signer-certificate-validator';
import { parseTstInfo } from './tst-info';

export type SignatureTimestampResult =
  | {
      valid: true;
      genTime: Date;
      /** The TSA certificate's subject. */
      authority: string;
    }
  | { valid: false; reason: string };

/**
 * An RFC 3161 signature timestamp (CAdES signature-time-stamp, the unsigned attribute
 * id-aa-signatureTimeStampToken) judged as proof that the signature existed at its genTime:
 * the token is a SignedData over a TSTInfo that verifies (messageDigest, signature,
 * signingCertificate), its imprint is the hash of the signature value, and the TSA certificate
 * has id-kp-timeStamping and a valid, unrevoked path to a configured trust anchor at genTime.
 * A token failing any check is not used, as ETSI EN 319 102-1 does: the signature is then judged
 * as if it had none.
 */
export class SignatureTimestampValidator {
  constructor(
    private readonly certificateCache: CertificateCache,
    private readonly certificates: SignerCertificateValidator,
  ) {}

  async validate(
    token: Buffer,
    signatureValue: Buffer,
    validationTime: Date,
  ): Promise<SignatureTimestampResult> {
    const cms = verifyCmsSignature({
      cms: token,
      signedContent: [],
      certificateCache: this.certificateCache,
      encapsulatedContentType: OID.tstInfo,
    });
    const broken = cms.findings.filter((finding) => finding.subIndication);
    if (broken.length > 0 || !cms.signerCertificate || !cms.encapsulatedContent) {
      return invalid(`the token does not verify (${texts(broken) || 'no signer'})`);
    }
    let tstInfo;
    try {
      tstInfo = parseTstInfo(cms.encapsulatedContent);
    } catch (error) {
      if (error instanceof Asn1DecodingError || error instanceof UnsupportedAlgorithmError) {
        return invalid(`its TSTInfo is unreadable: ${error.message}`);
      }
      throw error;
    }
    const imprint = createHash(tstInfo.imprintAlgorithm.name).update(signatureValue).digest();
    if (!imprint.equals(tstInfo.hashedMessage)) {
      return invalid('its message imprint is not the hash of this signature value');
    }
    const authority = cms.signerCertificate;
    if (!authority.extendedKeyUsage?.includes(OID.kpTimeStamping)) {
      return invalid(`its signer "${authority.subject.text}" is not a time-stamping authority`);
    }
    const findings: ValidationFinding[] = [];
    await this.certificates.validate({
      signer: authority,
      offered: cms.certificates,
      signingTime: tstInfo.genTime,
      validationTime,
      findings,
    });
    const defects = findings.filter((finding) => finding.subIndication);
    if (defects.length > 0) {
      return invalid(`its authority "${authority.subject.text}" is not trusted: ${texts(defects)}`);
    }
    return { valid: true, genTime: tstInfo.genTime, authority: authority.subject.text };
  }
}

function invalid(reason: string): SignatureTimestampResult {
  return { valid: false, reason: `the signature timestamp is not used: ${reason}` };
}

function texts(findings: readonly ValidationFinding[]): string {
  return findings.map((finding) => `${finding.code}: ${finding.text}`).join('; ');
}

import type { Element as XmlDomElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { judgeSignerKeyStrength } from '@docaxis/signature/cms/public-key-strength';
import { verdictOf } from '@docaxis/signature/report/indication-aggregation';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
import { CertificatePathBuilder } from '@docaxis/signature/trust/certificate-path-builder';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { TrustStore } from '@docaxis/signature/trust/trust-store';
import {
  DEFAULT_CERTIFICATE_PROFILE,
  type CertificateProfileOptions,
} from '@docaxis/signature/verification/certificate-profile-options';
import {
  loadTrustConfiguration,
  type TrustConfiguration,
} from '@docaxis/signature/verification/trust-configuration';
import { SignerCertificateValidator } from '@docaxis/signature/verification/signer-certificate-validator';
import {
  identifySigner,
  UNKNOWN_SIGNER,
} from '@docaxis/signature/verification/signer-identification';
import { XMLDSIG_NAMESPACE } from '@docaxis/edxml/packet/edxml-namespaces';
import type { EdxmlSignatureReport, SignedEdxmlReport } from './edxml-signature-report';
import {
  childElements,
  onlyChildElement,
  parseSignedXml,
  XML_DECLARATION,
} from './signed-xml-document';
import {
  CANONICALIZATION_METHODS,
  DIGEST_METHODS,
  REFERENCE_TRANSFORMS,
  SIGNATURE_METHODS,
  XMLDSIG,
} from './xmldsig-algorithms';

export interface EdxmlSignatureVerifierDependencies {
  trustStore: TrustStore;
  revocation: RevocationChecker;
  profile?: Partial<CertificateProfileOptions>;
}

/** What a well-formed signature's SignedInfo and KeyInfo said, before any cryptography. */
interface SignatureShape {
  node: XmlDomElement;
  signatureMethod: string;
  digestMethod: string;
  certificates: ParsedCertificate[];
}

/**
 * Verifies the enveloped XML signature of an edXML packet (QCVN 102: one `Signature`, one
 * `Reference URI=""` with enveloped-signature + c14n transforms, the signer's certificate in
 * `KeyInfo/X509Data`). The shape is checked before any cryptography, so only a signature over the
 * whole document is ever accepted (no signature wrapping: nothing outside the reference is
 * trusted because nothing is outside it); the certificate from KeyInfo is then judged by the
 * signature library's own path, validity, key-usage and CRL checks. Never throws for any input.
 */
export class EdxmlSignatureVerifier {
  private readonly certificates: SignerCertificateValidator;
  private readonly profile: CertificateProfileOptions;

  constructor(private readonly deps: EdxmlSignatureVerifierDependencies) {
    this.certificates = new SignerCertificateValidator({
      trustStore: deps.trustStore,
      pathBuilder: new CertificatePathBuilder(deps.trustStore),
      revocation: deps.revocation,
    });
    this.profile = { ...DEFAULT_CERTIFICATE_PROFILE, ...deps.profile };
  }

  async verify(
    packet: Buffer | string,
    options: { validationTime?: Date } = {},
  ): Promise<EdxmlSignatureReport> {
    const validationTime = options.validationTime ?? new Date();
    const xml = typeof packet === 'string' ? packet : packet.toString('utf8');
    const report: SignedEdxmlReport = {
      status: 'signed',
      validationTime: validationTime.toISOString(),
      indication: 'TOTAL-PASSED',
      messages: [],
      signer: { ...UNKNOWN_SIGNER },
      chain: [],
      signatureAlgorithm: '',
      digestAlgorithm: '',
      weakAlgorithm: false,
      revocation: { status: 'unknown', source: 'none' },
    };
    const findings: ValidationFinding[] = [];
    try {
      const signatures = this.findSignatures(xml, findings);
      if (signatures === undefined) return finish(report, findings);
      if (signatures.length === 0) {
        return { status: 'unsigned', validationTime: report.validationTime };
      }
      if (signatures.length > 1) {
        findings.push(
          malformed(`the packet carries ${signatures.length} XML signatures; QCVN 102 has one`),
        );
        return finish(report, findings);
      }
      const shape = this.readShape(signatures[0], this.deps.trustStore, findings);
      if (!shape) return finish(report, findings);
      report.signatureAlgorithm = SIGNATURE_METHODS.get(shape.signatureMethod)!.name;
      report.digestAlgorithm = DIGEST_METHODS.get(shape.digestMethod)!.name;
      this.noteWeakness(shape, report, findings);
      this.checkCryptography(xml, shape, findings);
      const signer = shape.certificates[0];
      const identified = identifySigner(signer, this.profile);
      report.signer = identified.identity;
      findings.push(...identified.findings);
      const certificate = await this.certificates.validate({
        signer,
        offered: shape.certificates.slice(1),
        signingTime: validationTime,
        validationTime,
        findings,
      });
      report.chain = certificate.chain;
      report.revocation = certificate.revocation;
      report.weakAlgorithm ||= certificate.weakAlgorithm;
    } catch (error) {
      findings.push(
        defect(
          'FORMAT_FAILURE',
          'UNEXPECTED_VALIDATION_ERROR',
          `the XML signature could not be validated: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    return finish(report, findings);
  }

  /** Every dsig:Signature element, or undefined when the bytes are not a readable document. */
  private findSignatures(xml: string, findings: ValidationFinding[]): XmlDomElement[] | undefined {
    // The edXML reader refuses these first; checked again so this class is safe on its own.
    if (XML_DECLARATION.test(xml)) {
      findings.push(malformed('the document declares a DOCTYPE or ENTITY'));
      return undefined;
    }
    let document;
    try {
      document = parseSignedXml(xml);
    } catch (error) {
      findings.push(malformed(`not well-formed XML: ${(error as Error).message}`));
      return undefined;
    }
    return Array.from(document.getElementsByTagNameNS(XMLDSIG_NAMESPACE, 'Signature'));
  }

  private readShape(
    signature: XmlDomElement,
    trustStore: TrustStore,
    findings: ValidationFinding[],
  ): SignatureShape | undefined {
    const signedInfo = onlyChild(signature, 'SignedInfo');
    if (!signedInfo) {
      findings.push(malformed('Signature must hold exactly one SignedInfo'));
      return undefined;
    }
    const c14n = algorithmOf(onlyChild(signedInfo, 'CanonicalizationMethod'));
    const signatureMethod = algorithmOf(onlyChild(signedInfo, 'SignatureMethod'));
    if (!c14n || !CANONICALIZATION_METHODS.has(c14n)) {
      findings.push(unsupported(`canonicalization method "${c14n ?? ''}"`));
    }
    if (!signatureMethod || !SIGNATURE_METHODS.has(signatureMethod)) {
      findings.push(unsupported(`signature method "${signatureMethod ?? ''}"`));
    }
    const references = dsigChildren(signedInfo, 'Reference');
    if (references.length !== 1) {
      findings.push(
        referenceInvalid(
          `SignedInfo holds ${references.length} references; exactly one is allowed`,
        ),
      );
      return undefined;
    }
    const reference = references[0];
    if (reference.getAttribute('URI') !== '') {
      findings.push(
        referenceInvalid(
          `the reference must be URI="" (the whole packet), not "${reference.getAttribute('URI') ?? '(absent)'}"`,
        ),
      );
    }
    const transforms = dsigChildren(onlyChild(reference, 'Transforms'), 'Transform').map(
      (transform) => transform.getAttribute('Algorithm') ?? '',
    );
    if (!transforms.includes(XMLDSIG.envelopedSignature)) {
      findings.push(referenceInvalid('the reference lacks the enveloped-signature transform'));
    }
    for (const transform of transforms) {
      if (!REFERENCE_TRANSFORMS.has(transform)) {
        findings.push(referenceInvalid(`transform "${transform}" is not allowed`));
      }
    }
    const digestMethod = algorithmOf(onlyChild(reference, 'DigestMethod'));
    if (!digestMethod || !DIGEST_METHODS.has(digestMethod)) {
      findings.push(unsupported(`digest method "${digestMethod ?? ''}"`));
    }
    const certificates = this.keyInfoCertificates(signature, trustStore, findings);
    if (findings.some((finding) => finding.subIndication) || !certificates) return undefined;
    return {
      node: signature,
      signatureMethod: signatureMethod!,
      digestMethod: digestMethod!,
      certificates,
    };
  }

  /** KeyInfo/X509Data/X509Certificate: the first is the signer's, the others offered as CAs. */
  private keyInfoCertificates(
    signature: XmlDomElement,
    trustStore: TrustStore,
    findings: ValidationFinding[],
  ): ParsedCertificate[] | undefined {
    const texts = dsigChildren(onlyChild(signature, 'KeyInfo'), 'X509Data').flatMap((data) =>
      dsigChildren(data, 'X509Certificate').map((element) => element.textContent ?? ''),
    );
    if (texts.length === 0) {
      findings.push(
        defect(
          'NO_SIGNING_CERTIFICATE_FOUND',
          'SIGNER_CERTIFICATE_NOT_FOUND',
          'KeyInfo/X509Data carries no X509Certificate',
        ),
      );
      return undefined;
    }
    try {
      return texts.map((text) =>
        trustStore.certificateCache.parse(Buffer.from(text.replace(/\s+/g, ''), 'base64')),
      );
    } catch (error) {
      findings.push(
        defect(
          'FORMAT_FAILURE',
          'CMS_CERTIFICATE_UNREADABLE',
          `an X509Certificate of KeyInfo is unreadable: ${(error as Error).message}`,
        ),
      );
      return undefined;
    }
  }

  private noteWeakness(
    shape: SignatureShape,
    report: SignedEdxmlReport,
    findings: ValidationFinding[],
  ): void {
    if (SIGNATURE_METHODS.get(shape.signatureMethod)!.weak) {
      report.weakAlgorithm = true;
      findings.push(
        note('WEAK_ALGORITHM', `signed with ${report.signatureAlgorithm} (SHA-1): accepted, weak`),
      );
    }
    if (DIGEST_METHODS.get(shape.digestMethod)!.weak) {
      report.weakAlgorithm = true;
      findings.push(note('WEAK_ALGORITHM', 'the reference digest is SHA-1: accepted, weak'));
    }
    if (judgeSignerKeyStrength(shape.certificates[0].publicKey, findings)) {
      report.weakAlgorithm = true;
    }
  }

  /** Digest of the whole packet, then the signature value over SignedInfo, with KeyInfo's key. */
  private checkCryptography(xml: string, shape: SignatureShape, findings: ValidationFinding[]) {
    const signed = new SignedXml({
      publicCert: shape.certificates[0].publicKey,
      // The key comes from the certificate we parsed and judge, never from a second lookup.
      getCertFromKeyInfo: () => null,
    });
    signed.loadSignature(shape.node);
    try {
      if (!signed.checkSignature(xml)) {
        findings.push(
          defect(
            'HASH_FAILURE',
            'MESSAGE_DIGEST_MISMATCH',
            'the packet was changed after it was signed (the reference digest does not match)',
          ),
        );
      }
    } catch (error) {
      findings.push(
        defect(
          'SIG_CRYPTO_FAILURE',
          'SIGNATURE_INVALID',
          `the signature value does not verify with the KeyInfo certificate's key (${(error as Error).message.slice(0, 120)})`,
        ),
      );
    }
  }
}

export interface EdxmlSignatureVerifierConfig extends TrustConfiguration {
  profile?: Partial<CertificateProfileOptions>;
}

/** A verifier over the same trust anchors, intermediates and CRLs as the PDF verifier. */
export async function createEdxmlSignatureVerifier(
  config: EdxmlSignatureVerifierConfig,
): Promise<EdxmlSignatureVerifier> {
  return new EdxmlSignatureVerifier({
    ...(await loadTrustConfiguration(config)),
    profile: config.profile,
  });
}

function finish(report: SignedEdxmlReport, findings: ValidationFinding[]): SignedEdxmlReport {
  const verdict = verdictOf(findings);
  report.indication = verdict.indication;
  if (verdict.subIndication) report.subIndication = verdict.subIndication;
  else delete report.subIndication;
  report.messages = findings.map(({ code, text }) => ({ code, text }));
  return report;
}

function dsigChildren(parent: XmlDomElement | undefined, localName: string): XmlDomElement[] {
  return childElements(parent, XMLDSIG_NAMESPACE, localName);
}

function onlyChild(
  parent: XmlDomElement | undefined,
  localName: string,
): XmlDomElement | undefined {
  return onlyChildElement(parent, XMLDSIG_NAMESPACE, localName);
}

function algorithmOf(element: XmlDomElement | undefined): string | undefined {
  return element?.getAttribute('Algorithm') ?? undefined;
}

function malformed(text: string): ValidationFinding {
  return defect('FORMAT_FAILURE', 'XML_SIGNATURE_MALFORMED', text);
}

function referenceInvalid(text: string): ValidationFinding {
  return defect('FORMAT_FAILURE', 'XML_SIGNATURE_REFERENCE_INVALID', text);
}

function unsupported(what: string): ValidationFinding {
  return defect('CRYPTO_CONSTRAINTS_FAILURE', 'ALGORITHM_UNSUPPORTED', `${what} is not accepted`);
}

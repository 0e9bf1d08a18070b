import { XMLSerializer, type Element as XmlDomElement } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { judgeSignerKeyStrength } from '@docaxis/signature/cms/public-key-strength';
import { verdictOf } from '@docaxis/signature/report/indication-aggregation';
import {
  defect,
  note,
  reportMessageOf,
  type ValidationFinding,
} from '@docaxis/signature/report/validation-finding';
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
import { validateDocumentSignerCertificate } from '@docaxis/signature/verification/document-signer-certificate';
import { SignerCertificateValidator } from '@docaxis/signature/verification/signer-certificate-validator';
import {
  identifySigner,
  UNKNOWN_SIGNER,
} from '@docaxis/signature/verification/signer-identification';
import {
  liftBase64Texts,
  putBackLiftedTexts,
  restoreLiftedTexts,
  type LiftedBase64Texts,
} from '@docaxis/edxml/packet/base64-text-lifting';
import { XMLDSIG_NAMESPACE } from '@docaxis/edxml/packet/edxml-namespaces';
import { DEFAULT_XML_READ_LIMITS } from '@docaxis/edxml/packet/safe-xml-reader';
import type { EdxmlSignatureReport, SignedEdxmlReport } from './edxml-signature-report';
import { liftedTextDigests } from './lifted-text-digests';
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
  /**
   * Largest markup verified (the packet without its base64 runs, as `XmlReadLimits`); a larger
   * packet is reported malformed without being parsed. Default: the edXML reader's default.
   */
  maxMarkupBytes?: number;
}

/**
 * xml-crypto parses with its own copy of xmldom 0.8, which looks up each distinct element name's
 * last closing tag from the end of the document: its time grows with names × size (1 000 names
 * before 60 MB of base64 took 42 s; 12 000 in 256 KiB of markup, 3 s). QCVN 102 and XML-DSig
 * define about 120 names together, so a packet with more than this is not verified.
 */
const MAX_ELEMENT_NAMES = 1000;
const ELEMENT_NAME = /<([^\s/>!?]+)/g;

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
 * trusted because nothing is outside it); the certificate from KeyInfo is then judged as a PDF
 * signer's is (`validateDocumentSignerCertificate`: path, validity, key usage, extendedKeyUsage,
 * CRL). Never throws for any input.
 *
 * The XML parsers see only the packet's markup: its base64 runs are lifted out first, as the
 * edXML reader does, and the reference digest puts them back (`liftedTextDigests`), so it is
 * still computed over every byte of the attachments while the parsing is bounded by the markup.
 * The runs inside the signature element itself are put back (`putBackLiftedTexts`).
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
      let lifted = liftBase64Texts(xml);
      let signatures = this.findSignatures(lifted, findings);
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
      // The signature's own base64 is read as it is: xml-crypto takes the SignatureValue from
      // the element and verifies it over SignedInfo's canonical form, and neither knows the
      // placeholders (a value from an RSA key over 6 144 bits is a run of 1 KiB or more).
      const withSignature = putBackLiftedTexts(lifted, serializeXml(signatures[0]));
      if (withSignature !== lifted) {
        lifted = withSignature;
        signatures = this.findSignatures(lifted, findings);
        if (signatures === undefined) return finish(report, findings);
      }
      const shape = this.readShape(signatures[0], lifted, findings);
      if (!shape) return finish(report, findings);
      report.signatureAlgorithm = SIGNATURE_METHODS.get(shape.signatureMethod)!.name;
      report.digestAlgorithm = DIGEST_METHODS.get(shape.digestMethod)!.name;
      this.noteWeakness(shape, report, findings);
      this.checkCryptography(lifted, shape, findings);
      const signer = shape.certificates[0];
      const identified = identifySigner(signer, this.profile);
      report.signer = identified.identity;
      findings.push(...identified.findings);
      // No signing time in an XML signature: its certificates are judged when it is verified.
      const certificate = await validateDocumentSignerCertificate(this.certificates, {
        signer,
        offered: shape.certificates.slice(1),
        signingTime: undefined,
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
  private findSignatures(
    { lean }: LiftedBase64Texts,
    findings: ValidationFinding[],
  ): XmlDomElement[] | undefined {
    // The edXML reader refuses these first; checked again so this class is safe on its own.
    if (XML_DECLARATION.test(lean)) {
      findings.push(malformed('the document declares a DOCTYPE or ENTITY'));
      return undefined;
    }
    const markupBytes = Buffer.byteLength(lean, 'utf8');
    const maxMarkupBytes = this.deps.maxMarkupBytes ?? DEFAULT_XML_READ_LIMITS.maxMarkupBytes;
    if (markupBytes > maxMarkupBytes) {
      findings.push(
        malformed(
          `${markupBytes} bytes of XML outside the base64 attachments, more than the ${maxMarkupBytes} verified`,
        ),
      );
      return undefined;
    }
    const names = new Set<string>();
    for (const [, name] of lean.matchAll(ELEMENT_NAME)) {
      names.add(name);
      if (names.size > MAX_ELEMENT_NAMES) {
        findings.push(malformed(`more than ${MAX_ELEMENT_NAMES} distinct element names`));
        return undefined;
      }
    }
    let document;
    try {
      document = parseSignedXml(lean);
    } catch (error) {
      findings.push(malformed(`not well-formed XML: ${(error as Error).message}`));
      return undefined;
    }
    return Array.from(document.getElementsByTagNameNS(XMLDSIG_NAMESPACE, 'Signature'));
  }

  private readShape(
    signature: XmlDomElement,
    lifted: LiftedBase64Texts,
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
    const certificates = this.keyInfoCertificates(signature, lifted, findings);
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
    lifted: LiftedBase64Texts,
    findings: ValidationFinding[],
  ): ParsedCertificate[] | undefined {
    const texts = dsigChildren(onlyChild(signature, 'KeyInfo'), 'X509Data').flatMap((data) =>
      dsigChildren(data, 'X509Certificate').map((element) =>
        restoreLiftedTexts(element.textContent ?? '', lifted),
      ),
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
        this.deps.trustStore.certificateCache.parse(
          Buffer.from(text.replace(/\s+/g, ''), 'base64'),
        ),
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
  private checkCryptography(
    lifted: LiftedBase64Texts,
    shape: SignatureShape,
    findings: ValidationFinding[],
  ) {
    const signed = new SignedXml({
      publicCert: shape.certificates[0].publicKey,
      // The key comes from the certificate we parsed and judge, never from a second lookup.
      getCertFromKeyInfo: () => null,
    });
    signed.HashAlgorithms = liftedTextDigests(lifted);
    signed.loadSignature(shape.node);
    try {
      if (!signed.checkSignature(lifted.lean)) {
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
  report.messages = findings.map(reportMessageOf);
  return report;
}

function serializeXml(element: XmlDomElement): string {
  return new XMLSerializer().serializeToString(element);
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

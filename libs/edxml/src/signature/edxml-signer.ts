import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { escapeText } from '@docaxis/edxml/packet/xml-writer';
import { XMLDSIG } from './xmldsig-algorithms';

/** The axis' signing certificate and its private key (PEM). */
export interface EdxmlSigningCredential {
  certPem: string;
  keyPem: string;
}

/**
 * Signs an edXML message or status packet the way QCVN 102 SDKs do, with SHA-256: one enveloped,
 * unprefixed `Signature` appended to `edXMLHeader`, `Reference URI=""` with enveloped-signature +
 * exclusive c14n, RSA-SHA256 over SHA-256, `KeyInfo/X509Data` with `X509SubjectName` and
 * `X509Certificate`. The whole packet is covered: nothing may be added after signing.
 */
export class EdxmlSigner {
  private readonly certificateBase64: string;
  private readonly subjectName: string;

  constructor(private readonly credential: EdxmlSigningCredential) {
    const certificate = new X509Certificate(credential.certPem);
    this.certificateBase64 = certificate.raw.toString('base64');
    // node prints one RDN per line, most general first; XML-DSig writes RFC 4514 order.
    this.subjectName = certificate.subject.split('\n').reverse().join(',');
  }

  sign(packet: string): string {
    const signed = this.signedXml();
    signed.addReference({
      xpath: '/*',
      isEmptyUri: true,
      transforms: [XMLDSIG.envelopedSignature, XMLDSIG.exclusiveC14n],
      digestAlgorithm: XMLDSIG.sha256,
    });
    return this.appendToHeader(signed, packet);
  }

  /**
   * Signs only the elements the XPaths select, each as a `Reference URI="#Id"` (an `Id` attribute
   * is added to an element that has none), with the same algorithms and KeyInfo as `sign`.
   */
  signReferences(packet: string, xpaths: readonly string[]): string {
    const signed = this.signedXml();
    for (const xpath of xpaths) {
      signed.addReference({
        xpath,
        transforms: [XMLDSIG.exclusiveC14n],
        digestAlgorithm: XMLDSIG.sha256,
      });
    }
    return this.appendToHeader(signed, packet);
  }

  private signedXml(): SignedXml {
    return new SignedXml({
      privateKey: this.credential.keyPem,
      publicCert: this.credential.certPem,
      signatureAlgorithm: XMLDSIG.rsaSha256,
      canonicalizationAlgorithm: XMLDSIG.exclusiveC14n,
      getKeyInfoContent: () =>
        `<X509Data><X509SubjectName>${escapeText(this.subjectName)}</X509SubjectName>` +
        `<X509Certificate>${this.certificateBase64}</X509Certificate></X509Data>`,
    });
  }

  private appendToHeader(signed: SignedXml, packet: string): string {
    signed.computeSignature(packet, {
      location: {
        reference: "/*/*[local-name(.)='edXMLEnvelope']/*[local-name(.)='edXMLHeader']",
        action: 'append',
      },
    });
    return signed.getSignedXml();
  }
}

import { createHash, createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import {
  asn1Explicit,
  asn1FromDer,
  asn1ImplicitConstructed,
  asn1Integer,
  asn1Null,
  asn1OctetString,
  asn1Oid,
  asn1Sequence,
  asn1SetOf,
  asn1Time,
  derOf,
  type Asn1Node,
} from '@docaxis/signature/pki/asn1-node-factory';
import { pemToDer } from '@docaxis/signature/pki/pem-encoding';
import { CheckpointSigningKeyError } from './checkpoint-signing-key.error';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/**
 * Signs checkpoint statements with the axis' own certificate: a detached CMS SignedData
 * (RFC 5652) with SHA-256, signed attributes contentType, signingTime, messageDigest and
 * signingCertificateV2 (RFC 5035), the signer certificate included, one SignerInfo identified by
 * issuer and serial. forge only assembles the ASN.1; digests and the signature are node:crypto's.
 */
export class CheckpointSigner {
  private readonly key: KeyObject;
  private readonly certDer: Buffer;
  readonly subject: string;

  constructor(certPem: string, keyPem: string) {
    this.certDer = pemToDer(certPem, 'CERTIFICATE');
    this.key = createPrivateKey(keyPem);
    const certificate = new X509Certificate(this.certDer);
    if (!certificate.checkPrivateKey(this.key)) throw new CheckpointSigningKeyError();
    if (this.key.asymmetricKeyType !== 'rsa' && this.key.asymmetricKeyType !== 'ec') {
      throw new CheckpointSigningKeyError(this.key.asymmetricKeyType);
    }
    this.subject = certificate.subject.replace(/\n/g, ', ');
  }

  /** DER ContentInfo(SignedData) over `content`, not encapsulating it. */
  sign(content: Buffer, signingTime: Date): Buffer {
    const { issuer, serialNumber } = issuerAndSerialOf(this.certDer);
    const attribute = (oid: string, value: Asn1Node): Asn1Node =>
      asn1Sequence([asn1Oid(oid), asn1SetOf([value])]);
    const essCertIdV2 = asn1Sequence([
      asn1OctetString(createHash('sha256').update(this.certDer).digest()),
      asn1Sequence([asn1Sequence([asn1Explicit(4, issuer)]), serialNumber]),
    ]);
    const attributes = asn1SetOf([
      attribute(OID.contentType, asn1Oid(OID.data)),
      attribute(OID.signingTime, asn1Time(signingTime)),
      attribute(OID.messageDigest, asn1OctetString(createHash('sha256').update(content).digest())),
      attribute(OID.signingCertificateV2, asn1Sequence([asn1Sequence([essCertIdV2])])),
    ]);
    // Signed as a DER SET (tag 0x31), carried under [0] IMPLICIT: RFC 5652 §5.4.
    const signature = sign('sha256', derOf(attributes), this.key);
    const sha256 = asn1Sequence([asn1Oid(OID.sha256)]);
    const signatureAlgorithm =
      this.key.asymmetricKeyType === 'ec'
        ? asn1Sequence([asn1Oid(OID.ecdsaWithSha256)])
        : asn1Sequence([asn1Oid(OID.sha256WithRsa), asn1Null()]);
    const signerInfo = asn1Sequence([
      asn1Integer(1),
      asn1Sequence([issuer, serialNumber]),
      sha256,
      asn1ImplicitConstructed(0, attributes.value as Asn1Node[]),
      signatureAlgorithm,
      asn1OctetString(signature),
    ]);
    const signedData = asn1Sequence([
      asn1Integer(1),
      asn1SetOf([sha256]),
      asn1Sequence([asn1Oid(OID.data)]),
      asn1ImplicitConstructed(0, [asn1FromDer(this.certDer)]),
      asn1SetOf([signerInfo]),
    ]);
    return derOf(asn1Sequence([asn1Oid(OID.signedData), asn1Explicit(0, signedData)]));
  }
}

/** Issuer Name and serialNumber nodes of a certificate, byte-identical to its DER. */
function issuerAndSerialOf(certDer: Buffer): { issuer: Asn1Node; serialNumber: Asn1Node } {
  const tbs = (asn1FromDer(certDer).value as Asn1Node[])[0];
  const fields = tbs.value as Asn1Node[];
  // A v3 certificate starts with the [0] version field.
  const first = fields[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serialNumber: fields[first], issuer: fields[first + 2] };
}

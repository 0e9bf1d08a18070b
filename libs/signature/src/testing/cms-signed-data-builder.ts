import { constants, createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import {
  DIGEST_ALGORITHM_OIDS,
  DIGEST_LENGTHS,
  ECDSA_SIGNATURE_OIDS,
  MGF1_OID,
  RSA_ENCRYPTION_OID,
  RSA_PKCS1_SIGNATURE_OIDS,
  RSASSA_PSS_OID,
  type DigestAlgorithmName,
} from '@docaxis/signature/pki/algorithm-oids';
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
import { pemBlocksToDer, pemToDer } from '@docaxis/signature/pki/pem-encoding';
import { PdfFixtureError } from './pdf-fixture.errors';

/** A signer: certificate and PKCS#8 key in PEM, plus the chain to put in the CMS. */
export interface CmsSigner {
  certPem: string;
  keyPem: string;
  /** Intermediates (and the root if wanted); each string may hold several PEM certificates. */
  chainPems?: string[];
}

export interface DetachedCmsOptions {
  digest: DigestAlgorithmName;
  /** RSA keys only. */
  rsaPadding: 'pkcs1' | 'pss';
  /**
   * How a PKCS#1 v1.5 signature is labelled in SignerInfo.signatureAlgorithm: `rsaEncryption`
   * (what openssl cms, Adobe and most PDF signers write) or `sha256WithRSAEncryption` and kin.
   */
  rsaSignatureAlgorithm: 'rsaEncryption' | 'hash-with-rsa';
  signingTime: Date;
  includeSigningTime: boolean;
  includeSigningCertificateV2: boolean;
  /**
   * Returns an RFC 3161 TimeStampToken (DER ContentInfo) over the signature value, added as the
   * unsigned attribute id-aa-signatureTimeStampToken (see openssl-timestamp-authority.ts).
   */
  timestamp?: SignatureTimestamper;
}

/** Obtains a timestamp token whose message imprint is the hash of `signatureValue`. */
export type SignatureTimestamper = (signatureValue: Buffer) => Buffer;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

/**
 * A detached CMS SignedData (RFC 5652) over content whose digest is `contentDigest`: signed
 * attributes contentType, messageDigest and, by default, signingTime and signingCertificateV2
 * (RFC 5035); certificates = signer + chain; one SignerInfo identified by issuer and serial.
 * The ASN.1 is built with forge, every digest and signature computed by node:crypto.
 */
export function buildDetachedCmsSignature(
  contentDigest: Buffer,
  signer: CmsSigner,
  options: DetachedCmsOptions,
): Buffer {
  const signerCertDer = pemToDer(signer.certPem, 'CERTIFICATE');
  const chainDers = (signer.chainPems ?? []).flatMap((pem) => pemBlocksToDer(pem, 'CERTIFICATE'));
  const key = createPrivateKey(signer.keyPem);
  const { issuer, serialNumber } = issuerAndSerialOf(signerCertDer);

  const attributes = asn1SetOf(
    signedAttributes(contentDigest, signerCertDer, issuer, serialNumber, options),
  );
  // The signature covers the attributes encoded as a SET (tag 0x31), RFC 5652 §5.4, while the
  // SignerInfo carries the same, already sorted, elements under the [0] IMPLICIT tag.
  const signature = signWith(key, derOf(attributes), options);
  const unsignedAttributes = options.timestamp
    ? [
        asn1ImplicitConstructed(1, [
          asn1Sequence([
            asn1Oid(OID.signatureTimeStampToken),
            asn1SetOf([asn1FromDer(options.timestamp(signature))]),
          ]),
        ]),
      ]
    : [];
  const signerInfo = asn1Sequence([
    asn1Integer(1),
    asn1Sequence([issuer, serialNumber]),
    digestAlgorithmIdentifier(options.digest),
    asn1ImplicitConstructed(0, attributes.value as Asn1Node[]),
    signatureAlgorithmIdentifier(key, options),
    asn1OctetString(signature),
    ...unsignedAttributes,
  ]);
  const signedData = asn1Sequence([
    asn1Integer(1),
    asn1SetOf([digestAlgorithmIdentifier(options.digest)]),
    asn1Sequence([asn1Oid(OID.data)]),
    asn1ImplicitConstructed(
      0,
      [signerCertDer, ...chainDers].map((der) => asn1FromDer(der)),
    ),
    asn1SetOf([signerInfo]),
  ]);
  return derOf(asn1Sequence([asn1Oid(OID.signedData), asn1Explicit(0, signedData)]));
}

function signedAttributes(
  contentDigest: Buffer,
  signerCertDer: Buffer,
  issuer: Asn1Node,
  serialNumber: Asn1Node,
  options: DetachedCmsOptions,
): Asn1Node[] {
  const attribute = (oid: string, value: Asn1Node): Asn1Node =>
    asn1Sequence([asn1Oid(oid), asn1SetOf([value])]);
  const attributes = [
    attribute(OID.contentType, asn1Oid(OID.data)),
    attribute(OID.messageDigest, asn1OctetString(contentDigest)),
  ];
  if (options.includeSigningTime) {
    attributes.push(attribute(OID.signingTime, asn1Time(options.signingTime)));
  }
  if (options.includeSigningCertificateV2) {
    // ESS certIDs hash with SHA-2; a SHA-1 signature still names its certificate by SHA-256.
    const certHash: DigestAlgorithmName = options.digest === 'sha1' ? 'sha256' : options.digest;
    const essCertIdV2 = asn1Sequence([
      // hashAlgorithm DEFAULT sha256: DER leaves the default out.
      ...(certHash === 'sha256' ? [] : [digestAlgorithmIdentifier(certHash)]),
      asn1OctetString(createHash(certHash).update(signerCertDer).digest()),
      asn1Sequence([asn1Sequence([asn1Explicit(4, issuer)]), serialNumber]),
    ]);
    attributes.push(
      attribute(OID.signingCertificateV2, asn1Sequence([asn1Sequence([essCertIdV2])])),
    );
  }
  return attributes;
}

function signWith(key: KeyObject, data: Buffer, options: DetachedCmsOptions): Buffer {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return options.rsaPadding === 'pss'
        ? sign(options.digest, data, {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: DIGEST_LENGTHS[options.digest],
          })
        : sign(options.digest, data, key);
    case 'ec':
      return sign(options.digest, data, key); // DER Ecdsa-Sig-Value, as CMS wants (RFC 5753)
    default:
      throw new PdfFixtureError(
        'PDF_SIGNER_KEY_UNSUPPORTED',
        `cannot sign with a ${key.asymmetricKeyType} key (RSA and EC only)`,
      );
  }
}

function signatureAlgorithmIdentifier(key: KeyObject, options: DetachedCmsOptions): Asn1Node {
  const { digest } = options;
  if (key.asymmetricKeyType === 'ec') return asn1Sequence([asn1Oid(ECDSA_SIGNATURE_OIDS[digest])]);
  if (options.rsaPadding === 'pss') {
    // RSASSA-PSS-params (RFC 4055): DER omits the SHA-1 / MGF1-SHA-1 / 20-byte defaults.
    const params: Asn1Node[] = [];
    if (digest !== 'sha1') {
      params.push(
        asn1Explicit(0, digestAlgorithmIdentifier(digest)),
        asn1Explicit(1, asn1Sequence([asn1Oid(MGF1_OID), digestAlgorithmIdentifier(digest)])),
        asn1Explicit(2, asn1Integer(DIGEST_LENGTHS[digest])),
      );
    }
    return asn1Sequence([asn1Oid(RSASSA_PSS_OID), asn1Sequence(params)]);
  }
  const oid =
    options.rsaSignatureAlgorithm === 'rsaEncryption'
      ? RSA_ENCRYPTION_OID
      : RSA_PKCS1_SIGNATURE_OIDS[digest];
  return asn1Sequence([asn1Oid(oid), asn1Null()]);
}

/** Digest AlgorithmIdentifiers without parameters (RFC 5754 §2, RFC 3370 §2.1). */
function digestAlgorithmIdentifier(digest: DigestAlgorithmName): Asn1Node {
  return asn1Sequence([asn1Oid(DIGEST_ALGORITHM_OIDS[digest])]);
}

/** Issuer Name and serialNumber nodes of a certificate, byte-identical to its DER. */
function issuerAndSerialOf(certDer: Buffer): { issuer: Asn1Node; serialNumber: Asn1Node } {
  const tbs = (asn1FromDer(certDer).value as Asn1Node[])[0];
  const fields = tbs.value as Asn1Node[];
  // v1 certificates have no [0] version field; v3 ones (ours) do.
  const first = fields[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { serialNumber: fields[first], issuer: fields[first + 2] };
}

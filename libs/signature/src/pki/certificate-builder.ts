import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import {
  asn1BitString,
  asn1Explicit,
  asn1FromDer,
  asn1Integer,
  asn1Sequence,
  asn1Time,
  derOf,
} from './asn1-node-factory';
import { derToPem } from './pem-encoding';
import { encodeDistinguishedName, type DistinguishedName } from './x509-name';
import {
  authorityKeyIdentifierExtension,
  basicConstraintsExtension,
  certificatePoliciesExtension,
  authorityInfoAccessExtension,
  crlDistributionPointsExtension,
  encodeExtensions,
  extendedKeyUsageExtension,
  keyIdentifierOf,
  keyUsageExtension,
  ocspNoCheckExtension,
  subjectAlternativeNameExtension,
  subjectKeyIdentifierExtension,
  type ExtendedKeyUsage,
  type KeyUsage,
  type X509Extension,
} from './x509-extensions';
import { x509SignatureAlgorithmFor } from './x509-signature-algorithm';

/** Who signs a certificate or CRL: its name, its key and its key identifier (for the AKI). */
export interface CertificateIssuer {
  name: DistinguishedName;
  privateKey: KeyObject;
  keyIdentifier: Buffer;
}

export interface CertificateSpec {
  subject: DistinguishedName;
  publicKey: KeyObject;
  /** Omitted: self-signed with `selfSigningKey`. */
  issuer?: CertificateIssuer;
  selfSigningKey?: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** Unsigned big-endian; a random positive 127-bit serial when omitted. */
  serialNumber?: Buffer;
  /** Present: a CA certificate (basicConstraints cA, with pathLenConstraint when given). */
  ca?: { pathLength?: number };
  keyUsage: readonly KeyUsage[];
  extendedKeyUsage?: readonly ExtendedKeyUsage[];
  extendedKeyUsageCritical?: boolean;
  /** id-pkix-ocsp-nocheck, for a delegated OCSP responder. */
  ocspNoCheck?: boolean;
  policyOids?: readonly string[];
  crlDistributionPoints?: readonly string[];
  /** OCSP responder URLs, written in the authorityInfoAccess extension. */
  ocspResponderUrls?: readonly string[];
  subjectAltNames?: { dns?: readonly string[]; ip?: readonly string[] };
}

export interface IssuedCertificate {
  der: Buffer;
  pem: string;
  serialNumber: Buffer;
  /** Upper-case hex, as node's X509Certificate#serialNumber and `openssl x509 -serial` show it. */
  serialNumberHex: string;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  keyIdentifier: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hex SHA-256 of the DER, as trust-store configurations usually pin it. */
  sha256Fingerprint: string;
}

/**
 * Builds and signs an X.509 v3 certificate: TBSCertificate assembled with forge's ASN.1 nodes,
 * signature computed by node:crypto (forge cannot sign with EC keys, and is slow with RSA).
 */
export function buildCertificate(spec: CertificateSpec): IssuedCertificate {
  const subjectKeyIdentifier = keyIdentifierOf(spec.publicKey);
  const issuer = spec.issuer ?? selfIssuer(spec);
  const serialNumber = spec.serialNumber ?? randomSerialNumber();
  const algorithm = x509SignatureAlgorithmFor(issuer.privateKey);

  const tbs = asn1Sequence([
    asn1Explicit(0, asn1Integer(2)),
    asn1Integer(serialNumber),
    algorithm.identifier(),
    encodeDistinguishedName(issuer.name),
    asn1Sequence([asn1Time(spec.notBefore), asn1Time(spec.notAfter)]),
    encodeDistinguishedName(spec.subject),
    asn1FromDer(spec.publicKey.export({ type: 'spki', format: 'der' })),
    asn1Explicit(3, encodeExtensions(extensionsOf(spec, subjectKeyIdentifier, issuer))),
  ]);
  const tbsDer = derOf(tbs);
  const der = derOf(
    asn1Sequence([tbs, algorithm.identifier(), asn1BitString(algorithm.sign(tbsDer))]),
  );
  return {
    der,
    pem: derToPem(der, 'CERTIFICATE'),
    serialNumber,
    serialNumberHex: serialNumber.toString('hex').toUpperCase(),
    subject: spec.subject,
    issuer: issuer.name,
    keyIdentifier: subjectKeyIdentifier,
    // What the certificate says: X.509 times have whole seconds.
    notBefore: wholeSeconds(spec.notBefore),
    notAfter: wholeSeconds(spec.notAfter),
    sha256Fingerprint: createHash('sha256').update(der).digest('hex').toUpperCase(),
  };
}

/** The issuer view of a CA certificate, to sign certificates and CRLs below it. */
export function issuerOf(certificate: IssuedCertificate, privateKey: KeyObject): CertificateIssuer {
  return { name: certificate.subject, privateKey, keyIdentifier: certificate.keyIdentifier };
}

/** 16 random bytes with the top bit cleared (positive, RFC 5280 allows up to 20 octets). */
export function randomSerialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function selfIssuer(spec: CertificateSpec): CertificateIssuer {
  if (!spec.selfSigningKey) {
    throw new TypeError('a certificate without an issuer needs selfSigningKey');
  }
  return {
    name: spec.subject,
    privateKey: spec.selfSigningKey,
    keyIdentifier: keyIdentifierOf(spec.publicKey),
  };
}

function extensionsOf(
  spec: CertificateSpec,
  subjectKeyIdentifier: Buffer,
  issuer: CertificateIssuer,
): X509Extension[] {
  const selfSigned = issuer.keyIdentifier.equals(subjectKeyIdentifier);
  const extensions: X509Extension[] = [
    basicConstraintsExtension({ ca: spec.ca !== undefined, pathLength: spec.ca?.pathLength }),
    keyUsageExtension(spec.keyUsage),
    subjectKeyIdentifierExtension(subjectKeyIdentifier),
  ];
  if (!selfSigned) extensions.push(authorityKeyIdentifierExtension(issuer.keyIdentifier));
  if (spec.extendedKeyUsage?.length) {
    extensions.push(
      extendedKeyUsageExtension(spec.extendedKeyUsage, spec.extendedKeyUsageCritical),
    );
  }
  if (spec.policyOids?.length) extensions.push(certificatePoliciesExtension(spec.policyOids));
  if (spec.crlDistributionPoints?.length) {
    extensions.push(crlDistributionPointsExtension(spec.crlDistributionPoints));
  }
  if (spec.ocspResponderUrls?.length) {
    extensions.push(authorityInfoAccessExtension(spec.ocspResponderUrls));
  }
  if (spec.ocspNoCheck) extensions.push(ocspNoCheckExtension());
  if (spec.subjectAltNames) extensions.push(subjectAlternativeNameExtension(spec.subjectAltNames));
  return extensions;
}

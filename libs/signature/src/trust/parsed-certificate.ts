import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import {
  asn1Content,
  ASN1_TAG,
  contextConstructed,
  contextPrimitive,
  expectTag,
  readAsn1Exact,
  type Asn1Node,
} from '@docaxis/signature/cms/asn1-reader';
import {
  decodeBitString,
  decodeBoolean,
  decodeIntegerHex,
  decodeOid,
  decodeSmallInteger,
  decodeTime,
  isBitSet,
} from '@docaxis/signature/cms/asn1-values';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import { CertificateParseError } from './certificate-parse-error';
import { parseDistinguishedName, type DistinguishedName } from './distinguished-name';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** RFC 5280 §4.2.1.3 bit order. */
const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface CertificateExtension {
  readonly critical: boolean;
  /** Content of extnValue: the DER of the extension's own value. */
  readonly value: Buffer;
}

/**
 * A certificate with the fields path building, revocation and signer identification need, read
 * once from DER (node:crypto's X509Certificate does the key handling and signature checks; it
 * exposes neither key-usage bits nor policies, so the TBS part is decoded here).
 */
export interface ParsedCertificate {
  readonly der: Buffer;
  readonly x509: X509Certificate;
  /** Lower-case hex SHA-256 of the DER. */
  readonly fingerprintSha256: string;
  readonly version: number;
  /** Upper-case hex without leading zero octets. */
  readonly serialNumber: string;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Algorithm the issuer signed this certificate with. */
  readonly signatureAlgorithmOid: string;
  readonly publicKey: KeyObject;
  readonly extensions: ReadonlyMap<string, CertificateExtension>;
  /** Absent when the extension is absent. */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  /** Absent when the extension is absent (then no usage restriction applies). */
  readonly keyUsage?: ReadonlySet<KeyUsageName>;
  readonly extendedKeyUsage?: readonly string[];
  readonly policyOids: readonly string[];
  readonly subjectKeyIdentifier?: string;
  readonly authorityKeyIdentifier?: string;
  /** http(s)/ldap URIs of the CRL distribution points, in order. */
  readonly crlDistributionUris: readonly string[];
  /** http(s) URIs of the OCSP responders named in authorityInfoAccess, in order. */
  readonly ocspResponderUris: readonly string[];
  /** Subject and issuer names match (self-signed or a key-rollover certificate). */
  readonly selfIssued: boolean;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function parseCertificate(
  der: Buffer,
  fingerprintSha256 = sha256Hex(der),
): ParsedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (error) {
    throw new CertificateParseError(`not an X.509 certificate: ${(error as Error).message}`);
  }
  try {
    return decodeTbs(der, x509, fingerprintSha256);
  } catch (error) {
    if (error instanceof CertificateParseError) throw error;
    throw new CertificateParseError(`malformed certificate: ${(error as Error).message}`);
  }
}

function decodeTbs(
  der: Buffer,
  x509: X509Certificate,
  fingerprintSha256: string,
): ParsedCertificate {
  const certificate = expectTag(readAsn1Exact(der), ASN1_TAG.sequence, 'Certificate');
  const tbs = expectTag(certificate.children[0], ASN1_TAG.sequence, 'TBSCertificate');
  const fields = [...tbs.children];
  let version = 1;
  if (fields[0]?.tag === contextConstructed(0)) {
    version =
      decodeSmallInteger(der, expectTag(fields[0].children[0], ASN1_TAG.integer, 'version')) + 1;
    fields.shift();
  }
  const [serial, signature, issuerNode, validity, subjectNode] = fields;
  const serialNumber = decodeIntegerHex(der, expectTag(serial, ASN1_TAG.integer, 'serialNumber'));
  const signatureAlgorithmOid = decodeOid(
    der,
    expectTag(signature, ASN1_TAG.sequence, 'signature').children[0],
  );
  const issuer = parseDistinguishedName(der, issuerNode);
  const subject = parseDistinguishedName(der, subjectNode);
  const [notBeforeNode, notAfterNode] = expectTag(validity, ASN1_TAG.sequence, 'validity').children;
  const notBefore = decodeTime(der, expectDefined(notBeforeNode, 'notBefore'));
  const notAfter = decodeTime(der, expectDefined(notAfterNode, 'notAfter'));

  const extensions = new Map<string, CertificateExtension>();
  const extensionsWrapper = fields.find((field) => field.tag === contextConstructed(3));
  if (extensionsWrapper) {
    const list = expectTag(extensionsWrapper.children[0], ASN1_TAG.sequence, 'extensions');
    for (const extension of list.children) {
      const parts = expectTag(extension, ASN1_TAG.sequence, 'Extension').children;
      const oid = decodeOid(der, expectTag(parts[0], ASN1_TAG.oid, 'extnID'));
      const critical = parts.length === 3 ? decodeBoolean(der, parts[1]) : false;
      const value = asn1Content(
        der,
        expectTag(parts[parts.length - 1], ASN1_TAG.octetString, 'extnValue'),
      );
      if (extensions.has(oid)) {
        // RFC 5280 §4.2: a certificate must not include more than one instance of an extension.
        throw new CertificateParseError(`extension ${oid} appears twice`);
      }
      extensions.set(oid, { critical, value });
    }
  }

  return {
    der,
    x509,
    fingerprintSha256,
    version,
    serialNumber,
    issuer,
    subject,
    notBefore,
    notAfter,
    signatureAlgorithmOid,
    publicKey: x509.publicKey,
    extensions,
    basicConstraints: readExtension(extensions, OID.basicConstraints, parseBasicConstraints),
    keyUsage: readExtension(extensions, OID.keyUsage, parseKeyUsage),
    extendedKeyUsage: readExtension(extensions, OID.extKeyUsage, parseOidSequence),
    policyOids: readExtension(extensions, OID.certificatePolicies, parsePolicies) ?? [],
    subjectKeyIdentifier: readExtension(extensions, OID.subjectKeyIdentifier, parseOctetStringHex),
    authorityKeyIdentifier: readExtension(
      extensions,
      OID.authorityKeyIdentifier,
      parseAuthorityKeyId,
    ),
    crlDistributionUris:
      readExtension(extensions, OID.crlDistributionPoints, parseCrlDistributionUris) ?? [],
    ocspResponderUris:
      readExtension(extensions, OID.authorityInfoAccess, parseOcspResponderUris) ?? [],
    selfIssued: issuer.matchKey === subject.matchKey,
  };
}

/** AuthorityInfoAccessSyntax: the uniformResourceIdentifier locations of id-ad-ocsp entries. */
function parseOcspResponderUris(value: Buffer, root: Asn1Node): string[] {
  const uris: string[] = [];
  for (const description of expectTag(root, ASN1_TAG.sequence, 'AuthorityInfoAccess').children) {
    const [method, location] = expectTag(
      description,
      ASN1_TAG.sequence,
      'AccessDescription',
    ).children;
    if (decodeOid(value, expectTag(method, ASN1_TAG.oid, 'accessMethod')) !== OID.adOcsp) continue;
    if (location?.tag === contextPrimitive(6))
      uris.push(asn1Content(value, location).toString('latin1'));
  }
  return uris;
}

function expectDefined(node: Asn1Node | undefined, what: string): Asn1Node {
  if (!node) throw new CertificateParseError(`${what} is missing`);
  return node;
}

function readExtension<T>(
  extensions: ReadonlyMap<string, CertificateExtension>,
  oid: string,
  parse: (value: Buffer, root: Asn1Node) => T,
): T | undefined {
  const extension = extensions.get(oid);
  if (!extension) return undefined;
  return parse(extension.value, readAsn1Exact(extension.value));
}

function parseBasicConstraints(
  value: Buffer,
  root: Asn1Node,
): { ca: boolean; pathLength?: number } {
  let ca = false;
  let pathLength: number | undefined;
  for (const child of expectTag(root, ASN1_TAG.sequence, 'BasicConstraints').children) {
    if (child.tag === ASN1_TAG.boolean) ca = decodeBoolean(value, child);
    else if (child.tag === ASN1_TAG.integer) pathLength = decodeSmallInteger(value, child);
  }
  return pathLength === undefined ? { ca } : { ca, pathLength };
}

function parseKeyUsage(value: Buffer, root: Asn1Node): ReadonlySet<KeyUsageName> {
  const { data } = decodeBitString(value, expectTag(root, ASN1_TAG.bitString, 'KeyUsage'));
  return new Set(KEY_USAGE_BITS.filter((_, index) => isBitSet(data, index)));
}

function parseOidSequence(value: Buffer, root: Asn1Node): string[] {
  return expectTag(root, ASN1_TAG.sequence, 'OID sequence').children.map((child) =>
    decodeOid(value, child),
  );
}

function parsePolicies(value: Buffer, root: Asn1Node): string[] {
  return expectTag(root, ASN1_TAG.sequence, 'certificatePolicies').children.map((policy) =>
    decodeOid(value, expectTag(policy, ASN1_TAG.sequence, 'PolicyInformation').children[0]),
  );
}

function parseOctetStringHex(value: Buffer, root: Asn1Node): string {
  return asn1Content(value, expectTag(root, ASN1_TAG.octetString, 'key identifier')).toString(
    'hex',
  );
}

function parseAuthorityKeyId(value: Buffer, root: Asn1Node): string | undefined {
  const keyId = expectTag(root, ASN1_TAG.sequence, 'AuthorityKeyIdentifier').children.find(
    (child) => child.tag === contextPrimitive(0),
  );
  return keyId ? asn1Content(value, keyId).toString('hex') : undefined;
}

/** fullName URIs of every DistributionPoint (GeneralName [6] uniformResourceIdentifier). */
export function parseCrlDistributionUris(value: Buffer, root: Asn1Node): string[] {
  const uris: string[] = [];
  for (const point of expectTag(root, ASN1_TAG.sequence, 'CRLDistributionPoints').children) {
    const name = point.children.find((child) => child.tag === contextConstructed(0));
    const fullName = name?.children.find((child) => child.tag === contextConstructed(0));
    for (const generalName of fullName?.children ?? []) {
      if (generalName.tag === contextPrimitive(6)) {
        uris.push(asn1Content(value, generalName).toString('latin1'));
      }
    }
  }
  return uris;
}

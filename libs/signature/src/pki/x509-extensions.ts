import { createHash, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import {
  asn1BitString,
  asn1Boolean,
  asn1Enumerated,
  asn1Explicit,
  asn1FromDer,
  asn1GeneralizedTime,
  asn1ImplicitConstructed,
  asn1ImplicitPrimitive,
  asn1Integer,
  asn1OctetString,
  asn1Null,
  asn1Oid,
  asn1Sequence,
  derOf,
  type Asn1Node,
} from './asn1-node-factory';

/** One X.509 v3 / CRL extension before encoding. */
export interface X509Extension {
  oid: string;
  critical: boolean;
  value: Asn1Node;
}

export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

/** Bit positions from RFC 5280 §4.2.1.3. */
const KEY_USAGE_BITS: Readonly<Record<KeyUsage, number>> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

export type ExtendedKeyUsage =
  'serverAuth' | 'clientAuth' | 'emailProtection' | 'timeStamping' | 'ocspSigning';

export const EXTENDED_KEY_USAGE_OIDS: Readonly<Record<ExtendedKeyUsage, string>> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
};

export type CrlReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'superseded'
  | 'certificateHold'
  | 'removeFromCRL';

const CRL_REASON_CODES: Readonly<Record<CrlReason, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  superseded: 4,
  certificateHold: 6,
  removeFromCRL: 8,
};

/** `Extensions ::= SEQUENCE OF Extension`, criticality written only when true (DER default). */
export function encodeExtensions(extensions: readonly X509Extension[]): Asn1Node {
  return asn1Sequence(
    extensions.map(({ oid, critical, value }) =>
      asn1Sequence([
        asn1Oid(oid),
        ...(critical ? [asn1Boolean(true)] : []),
        asn1OctetString(derOf(value)),
      ]),
    ),
  );
}

export function basicConstraintsExtension(options: {
  ca: boolean;
  pathLength?: number;
}): X509Extension {
  const fields: Asn1Node[] = [];
  if (options.ca) {
    fields.push(asn1Boolean(true));
    if (options.pathLength !== undefined) fields.push(asn1Integer(options.pathLength));
  }
  return { oid: '2.5.29.19', critical: true, value: asn1Sequence(fields) };
}

export function keyUsageExtension(usages: readonly KeyUsage[]): X509Extension {
  if (usages.length === 0) throw new RangeError('a keyUsage extension needs at least one usage');
  let byte = 0;
  for (const usage of usages) byte |= 0x80 >> KEY_USAGE_BITS[usage];
  // Named bit lists drop trailing zero bits in DER (X.690 §11.2.2).
  let unused = 0;
  while (((byte >> unused) & 1) === 0) unused += 1;
  return { oid: '2.5.29.15', critical: true, value: asn1BitString(Buffer.from([byte]), unused) };
}

/** Critical where a profile demands it (RFC 3161 §2.3: a TSA's timeStamping-only usage). */
export function extendedKeyUsageExtension(
  purposes: readonly ExtendedKeyUsage[],
  critical = false,
): X509Extension {
  return {
    oid: '2.5.29.37',
    critical,
    value: asn1Sequence(purposes.map((purpose) => asn1Oid(EXTENDED_KEY_USAGE_OIDS[purpose]))),
  };
}

export function subjectKeyIdentifierExtension(keyIdentifier: Buffer): X509Extension {
  return { oid: '2.5.29.14', critical: false, value: asn1OctetString(keyIdentifier) };
}

export function authorityKeyIdentifierExtension(keyIdentifier: Buffer): X509Extension {
  return {
    oid: '2.5.29.35',
    critical: false,
    value: asn1Sequence([asn1ImplicitPrimitive(0, keyIdentifier)]),
  };
}

/** One DistributionPoint per URL, each with `fullName` = a single uniformResourceIdentifier. */
export function crlDistributionPointsExtension(urls: readonly string[]): X509Extension {
  return { oid: '2.5.29.31', critical: false, value: distributionPoints(urls) };
}

/**
 * RFC 5280 §5.2.6 freshestCRL in a complete CRL: where its delta CRLs are published, with the
 * syntax of cRLDistributionPoints. Non-critical, as the RFC requires.
 */
export function freshestCrlExtension(urls: readonly string[]): X509Extension {
  return { oid: '2.5.29.46', critical: false, value: distributionPoints(urls) };
}

function distributionPoints(urls: readonly string[]): Asn1Node {
  return asn1Sequence(
    urls.map((url) =>
      asn1Sequence([
        asn1Explicit(0, asn1ImplicitConstructed(0, [asn1ImplicitPrimitive(6, Buffer.from(url))])),
      ]),
    ),
  );
}

/** authorityInfoAccess with one id-ad-ocsp accessLocation per URL (RFC 5280 §4.2.2.1). */
export function authorityInfoAccessExtension(ocspUrls: readonly string[]): X509Extension {
  return {
    oid: '1.3.6.1.5.5.7.1.1',
    critical: false,
    value: asn1Sequence(
      ocspUrls.map((url) =>
        asn1Sequence([asn1Oid('1.3.6.1.5.5.7.48.1'), asn1ImplicitPrimitive(6, Buffer.from(url))]),
      ),
    ),
  };
}

/** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): the responder's own status is not checked. */
export function ocspNoCheckExtension(): X509Extension {
  return { oid: '1.3.6.1.5.5.7.48.1.5', critical: false, value: asn1Null() };
}

export function certificatePoliciesExtension(policyOids: readonly string[]): X509Extension {
  return {
    oid: '2.5.29.32',
    critical: false,
    value: asn1Sequence(policyOids.map((oid) => asn1Sequence([asn1Oid(oid)]))),
  };
}

export function subjectAlternativeNameExtension(names: {
  dns?: readonly string[];
  ip?: readonly string[];
}): X509Extension {
  const generalNames = [
    ...(names.dns ?? []).map((dns) => asn1ImplicitPrimitive(2, Buffer.from(dns, 'ascii'))),
    ...(names.ip ?? []).map((ip) => asn1ImplicitPrimitive(7, ipAddressBytes(ip))),
  ];
  return { oid: '2.5.29.17', critical: false, value: asn1Sequence(generalNames) };
}

export function crlNumberExtension(crlNumber: number): X509Extension {
  return { oid: '2.5.29.20', critical: false, value: asn1Integer(crlNumber) };
}

/** RFC 5280 §5.2.4: marks a delta CRL, naming the complete CRL (by number) it updates. */
export function deltaCrlIndicatorExtension(baseCrlNumber: number): X509Extension {
  return { oid: '2.5.29.27', critical: true, value: asn1Integer(baseCrlNumber) };
}

export function crlReasonExtension(reason: CrlReason): X509Extension {
  return { oid: '2.5.29.21', critical: false, value: asn1Enumerated(CRL_REASON_CODES[reason]) };
}

export function invalidityDateExtension(date: Date): X509Extension {
  return { oid: '2.5.29.24', critical: false, value: asn1GeneralizedTime(date) };
}

/**
 * Key identifier per RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's
 * value (without the unused-bits byte).
 */
export function keyIdentifierOf(publicKey: KeyObject): Buffer {
  const spki = asn1FromDer(publicKey.export({ type: 'spki', format: 'der' }));
  const bitString = (spki.value as Asn1Node[])[1];
  const keyBytes = Buffer.from((bitString.value as string).slice(1), 'latin1');
  return createHash('sha1').update(keyBytes).digest();
}

function ipAddressBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new TypeError(`not an IP address: ${ip}`);
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros =
    tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups];
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}

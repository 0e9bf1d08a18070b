import {
  asn1Oid,
  asn1PrintableString,
  asn1Sequence,
  asn1SetOf,
  asn1Utf8String,
  type Asn1Node,
} from './asn1-node-factory';

/** The subject attributes the development PKI uses, in the order they are encoded. */
export interface DistinguishedName {
  country?: string;
  organization?: string;
  organizationalUnit?: string;
  title?: string;
  commonName: string;
}

const ATTRIBUTES = [
  { key: 'country', oid: '2.5.4.6', short: 'C' },
  { key: 'organization', oid: '2.5.4.10', short: 'O' },
  { key: 'organizationalUnit', oid: '2.5.4.11', short: 'OU' },
  { key: 'title', oid: '2.5.4.12', short: 'title' },
  { key: 'commonName', oid: '2.5.4.3', short: 'CN' },
] as const;

/**
 * X.501 Name, one attribute per RDN, most general first. Country is a PrintableString (RFC 5280
 * requires it); everything else is UTF8String so Vietnamese names survive intact.
 */
export function encodeDistinguishedName(name: DistinguishedName): Asn1Node {
  const rdns: Asn1Node[] = [];
  for (const { key, oid } of ATTRIBUTES) {
    const value = name[key];
    if (value === undefined) continue;
    const encoded = key === 'country' ? asn1PrintableString(value) : asn1Utf8String(value);
    rdns.push(asn1SetOf([asn1Sequence([asn1Oid(oid), encoded])]));
  }
  return asn1Sequence(rdns);
}

/** One-line rendering, most specific first (`CN=..., OU=..., O=..., C=VN`), for humans and logs. */
export function formatDistinguishedName(name: DistinguishedName): string {
  return [...ATTRIBUTES]
    .reverse()
    .filter(({ key }) => name[key] !== undefined)
    .map(({ key, short }) => `${short}=${name[key]}`)
    .join(', ');
}

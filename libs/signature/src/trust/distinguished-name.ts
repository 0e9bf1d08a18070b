import {
  asn1Encoding,
  ASN1_TAG,
  expectTag,
  type Asn1Node,
} from '@docaxis/signature/cms/asn1-reader';
import { decodeOid, decodeString } from '@docaxis/signature/cms/asn1-values';
import { OID } from '@docaxis/signature/cms/object-identifiers';

export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

/** An X.501 Name as read from a certificate or CRL. */
export interface DistinguishedName {
  /** Attributes in encoding order (usually most general first). */
  readonly attributes: readonly NameAttribute[];
  /** RFC 4514 rendering, most specific first: `CN=..., OU=..., O=..., C=VN`. */
  readonly text: string;
  /**
   * Comparison key after RFC 5280 §7.1-style normalisation (case, surrounding and repeated
   * spaces), so an issuer encoded as PrintableString still finds a subject encoded as UTF8String.
   * Only a candidate filter: every issuer link is also proven by a signature check.
   */
  readonly matchKey: string;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.commonName]: 'CN',
  [OID.surname]: 'SN',
  [OID.serialNumber]: 'serialNumber',
  [OID.country]: 'C',
  [OID.locality]: 'L',
  [OID.stateOrProvince]: 'ST',
  [OID.street]: 'street',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.title]: 'title',
  [OID.givenName]: 'GN',
  [OID.emailAddress]: 'emailAddress',
  [OID.userId]: 'UID',
  [OID.domainComponent]: 'DC',
};

export function parseDistinguishedName(bytes: Buffer, name: Asn1Node): DistinguishedName {
  const rdns = expectTag(name, ASN1_TAG.sequence, 'Name').children;
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  const rdnKeys: string[] = [];
  for (const rdn of rdns) {
    const members = expectTag(rdn, ASN1_TAG.set, 'RelativeDistinguishedName').children.map(
      (member) => {
        const [type, value] = expectTag(
          member,
          ASN1_TAG.sequence,
          'AttributeTypeAndValue',
        ).children;
        const oid = decodeOid(bytes, expectTag(type, ASN1_TAG.oid, 'attribute type'));
        return { oid, value: decodeAttributeValue(bytes, value) };
      },
    );
    attributes.push(...members);
    rdnTexts.push(
      members.map((m) => `${SHORT_NAMES[m.oid] ?? m.oid}=${escapeValue(m.value)}`).join('+'),
    );
    rdnKeys.push(
      members
        .map((m) => `${m.oid}=${normaliseForMatch(m.value)}`)
        .sort()
        .join('+'),
    );
  }
  return { attributes, text: [...rdnTexts].reverse().join(', '), matchKey: rdnKeys.join(',') };
}

/** Every value of one attribute type, in encoding order. */
export function nameAttributeValues(name: DistinguishedName, oid: string): string[] {
  return name.attributes.filter((attribute) => attribute.oid === oid).map((a) => a.value);
}

function decodeAttributeValue(bytes: Buffer, value: Asn1Node | undefined): string {
  if (!value) return '';
  try {
    return decodeString(bytes, value);
  } catch {
    // RFC 4514 §2.4: a value of a type we cannot render is shown as '#' + hex of its encoding.
    return `#${asn1Encoding(bytes, value).toString('hex')}`;
  }
}

function escapeValue(value: string): string {
  return value.replace(/[,+"\\<>;]/g, (character) => `\\${character}`);
}

function normaliseForMatch(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

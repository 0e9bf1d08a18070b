import {
  parseDistinguishedName,
  type DistinguishedName,
} from '@docaxis/signature/trust/distinguished-name';
import { Asn1DecodingError } from './asn1-decoding-error';
import { asn1Content, ASN1_TAG, contextConstructed, expectTag, type Asn1Node } from './asn1-reader';
import { decodeIntegerHex, decodeOid, decodeTime } from './asn1-values';
import { parseDigestAlgorithm, type DigestAlgorithmName } from './digest-algorithm';
import { OID } from './object-identifiers';

/** ESS signing-certificate reference (RFC 2634 ESSCertID / RFC 5035 ESSCertIDv2), first entry. */
export interface SigningCertificateReference {
  readonly version: 1 | 2;
  readonly hashAlgorithm: DigestAlgorithmName;
  readonly certificateHash: Buffer;
  readonly issuerSerial?: {
    readonly issuers: readonly DistinguishedName[];
    readonly serialNumber: string;
  };
}

/**
 * The single value of a single-valued signed attribute; RFC 5652 §11 forbids several values for
 * contentType, messageDigest and signingTime, and so do we.
 */
export function singleAttributeValue(
  attributes: ReadonlyMap<string, readonly Asn1Node[]>,
  oid: string,
): Asn1Node | undefined {
  const values = attributes.get(oid);
  if (!values) return undefined;
  if (values.length !== 1) {
    throw new Asn1DecodingError(
      `attribute ${oid} must have exactly one value, has ${values.length}`,
    );
  }
  return values[0];
}

export function readContentType(
  bytes: Buffer,
  attributes: ReadonlyMap<string, readonly Asn1Node[]>,
): string | undefined {
  const value = singleAttributeValue(attributes, OID.contentType);
  return value ? decodeOid(bytes, value) : undefined;
}

export function readMessageDigest(
  bytes: Buffer,
  attributes: ReadonlyMap<string, readonly Asn1Node[]>,
): Buffer | undefined {
  const value = singleAttributeValue(attributes, OID.messageDigest);
  return value
    ? asn1Content(bytes, expectTag(value, ASN1_TAG.octetString, 'messageDigest'))
    : undefined;
}

export function readSigningTime(
  bytes: Buffer,
  attributes: ReadonlyMap<string, readonly Asn1Node[]>,
): Date | undefined {
  const value = singleAttributeValue(attributes, OID.signingTime);
  return value ? decodeTime(bytes, value) : undefined;
}

/**
 * Every ESS reference the signer signed: signingCertificateV2 and signingCertificate (v1, SHA-1),
 * in that order; empty when there is none. Both must name the signer certificate: a v1 naming
 * another certificate beside a right v2 is a contradiction the signer signed, not a spare.
 */
export function readSigningCertificateReferences(
  bytes: Buffer,
  attributes: ReadonlyMap<string, readonly Asn1Node[]>,
): SigningCertificateReference[] {
  const references: SigningCertificateReference[] = [];
  const v2 = singleAttributeValue(attributes, OID.signingCertificateV2);
  if (v2) {
    const first = firstCertId(v2, 'SigningCertificateV2');
    const parts = [...first.children];
    let hashAlgorithm: DigestAlgorithmName = 'sha256'; // RFC 5035 default
    if (parts[0]?.tag === ASN1_TAG.sequence) {
      hashAlgorithm = parseDigestAlgorithm(bytes, parts[0]).name;
      parts.shift();
    }
    references.push({
      version: 2,
      hashAlgorithm,
      certificateHash: asn1Content(bytes, expectTag(parts[0], ASN1_TAG.octetString, 'certHash')),
      issuerSerial: parts[1] ? parseIssuerSerial(bytes, parts[1]) : undefined,
    });
  }
  const v1 = singleAttributeValue(attributes, OID.signingCertificate);
  if (v1) {
    const parts = firstCertId(v1, 'SigningCertificate').children;
    references.push({
      version: 1,
      hashAlgorithm: 'sha1',
      certificateHash: asn1Content(bytes, expectTag(parts[0], ASN1_TAG.octetString, 'certHash')),
      issuerSerial: parts[1] ? parseIssuerSerial(bytes, parts[1]) : undefined,
    });
  }
  return references;
}

function firstCertId(value: Asn1Node, what: string): Asn1Node {
  const certs = expectTag(
    expectTag(value, ASN1_TAG.sequence, what).children[0],
    ASN1_TAG.sequence,
    `${what} certs`,
  );
  return expectTag(certs.children[0], ASN1_TAG.sequence, `${what} first ESSCertID`);
}

/** IssuerSerial: GeneralNames (only directoryName [4] entries are kept) and a serial number. */
function parseIssuerSerial(
  bytes: Buffer,
  node: Asn1Node,
): SigningCertificateReference['issuerSerial'] {
  const [generalNames, serial] = expectTag(node, ASN1_TAG.sequence, 'IssuerSerial').children;
  const issuers = expectTag(generalNames, ASN1_TAG.sequence, 'GeneralNames')
    .children.filter((name) => name.tag === contextConstructed(4))
    .map((name) =>
      parseDistinguishedName(
        bytes,
        expectTag(name.children[0], ASN1_TAG.sequence, 'directoryName'),
      ),
    );
  return {
    issuers,
    serialNumber: decodeIntegerHex(bytes, expectTag(serial, ASN1_TAG.integer, 'serial')),
  };
}

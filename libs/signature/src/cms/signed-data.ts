import {
  parseDistinguishedName,
  type DistinguishedName,
} from '@docaxis/signature/trust/distinguished-name';
import { Asn1DecodingError } from './asn1-decoding-error';
import {
  asn1Content,
  ASN1_TAG,
  contextConstructed,
  contextPrimitive,
  expectTag,
  readAsn1,
  type Asn1Node,
} from './asn1-reader';
import { decodeIntegerHex, decodeOid, decodeSmallInteger } from './asn1-values';
import { OID } from './object-identifiers';

export type SignerIdentifier =
  | {
      readonly kind: 'issuer-serial';
      readonly issuer: DistinguishedName;
      readonly serialNumber: string;
    }
  | { readonly kind: 'subject-key-identifier'; readonly keyIdentifier: string };

export interface SignerInfo {
  readonly version: number;
  readonly signerId: SignerIdentifier;
  readonly digestAlgorithm: Asn1Node;
  /**
   * The signed attributes re-tagged as the DER SET OF the signature was computed over (RFC 5652
   * §5.4: the [0] IMPLICIT tag is replaced by 0x31, the rest is the signer's exact bytes).
   */
  readonly signedAttributesDer?: Buffer;
  /** attribute type → its values; undefined when the SignerInfo has no signed attributes. */
  readonly signedAttributes?: ReadonlyMap<string, readonly Asn1Node[]>;
  readonly signatureAlgorithm: Asn1Node;
  readonly signature: Buffer;
  readonly unsignedAttributes: ReadonlyMap<string, readonly Asn1Node[]>;
}

/** A CMS SignedData (RFC 5652 §5) with every node positioned in `bytes`. */
export interface SignedData {
  readonly bytes: Buffer;
  readonly version: number;
  readonly encapsulatedContentType: string;
  /** True when eContent is present (not a detached signature). */
  readonly hasEncapsulatedContent: boolean;
  /** The eContent octets (e.g. a timestamp token's TSTInfo DER) when present and primitive. */
  readonly encapsulatedContent?: Buffer;
  /** DER of every `certificate` choice in the certificates set (other choices are skipped). */
  readonly certificates: readonly Buffer[];
  readonly signerInfos: readonly SignerInfo[];
}

/** Parses a ContentInfo holding SignedData; throws Asn1DecodingError on any structural fault. */
export function parseSignedData(bytes: Buffer): SignedData {
  const contentInfo = expectTag(readAsn1(bytes), ASN1_TAG.sequence, 'ContentInfo');
  const contentType = decodeOid(
    bytes,
    expectTag(contentInfo.children[0], ASN1_TAG.oid, 'contentType'),
  );
  if (contentType !== OID.signedData) {
    throw new Asn1DecodingError(`ContentInfo holds ${contentType}, not SignedData`);
  }
  const wrapper = expectTag(contentInfo.children[1], contextConstructed(0), 'ContentInfo content');
  const signedData = expectTag(wrapper.children[0], ASN1_TAG.sequence, 'SignedData');
  const fields = signedData.children;
  const version = decodeSmallInteger(
    bytes,
    expectTag(fields[0], ASN1_TAG.integer, 'SignedData version'),
  );
  expectTag(fields[1], ASN1_TAG.set, 'digestAlgorithms');
  const encapsulated = expectTag(fields[2], ASN1_TAG.sequence, 'encapContentInfo');
  const encapsulatedContentType = decodeOid(
    bytes,
    expectTag(encapsulated.children[0], ASN1_TAG.oid, 'eContentType'),
  );
  const hasEncapsulatedContent = encapsulated.children.length > 1;
  const eContent = hasEncapsulatedContent ? encapsulated.children[1].children[0] : undefined;
  const encapsulatedContent =
    eContent?.tag === ASN1_TAG.octetString ? asn1Content(bytes, eContent) : undefined;

  let index = 3;
  const certificates: Buffer[] = [];
  if (fields[index]?.tag === contextConstructed(0)) {
    for (const choice of fields[index].children) {
      if (choice.tag === ASN1_TAG.sequence)
        certificates.push(bytes.subarray(choice.start, choice.end));
    }
    index += 1;
  }
  if (fields[index]?.tag === contextConstructed(1)) index += 1; // crls: revocation comes from our own sources
  const signerInfoSet = expectTag(fields[index], ASN1_TAG.set, 'signerInfos');
  if (index + 1 !== fields.length) {
    throw new Asn1DecodingError('unexpected fields after signerInfos');
  }
  return {
    bytes,
    version,
    encapsulatedContentType,
    hasEncapsulatedContent,
    ...(encapsulatedContent ? { encapsulatedContent } : {}),
    certificates,
    signerInfos: signerInfoSet.children.map((node) => parseSignerInfo(bytes, node)),
  };
}

function parseSignerInfo(bytes: Buffer, node: Asn1Node): SignerInfo {
  const fields = expectTag(node, ASN1_TAG.sequence, 'SignerInfo').children;
  const version = decodeSmallInteger(
    bytes,
    expectTag(fields[0], ASN1_TAG.integer, 'SignerInfo version'),
  );
  const signerId = parseSignerIdentifier(bytes, fields[1]);
  const digestAlgorithm = expectTag(fields[2], ASN1_TAG.sequence, 'digestAlgorithm');
  let index = 3;
  let signedAttributesDer: Buffer | undefined;
  let signedAttributes: ReadonlyMap<string, readonly Asn1Node[]> | undefined;
  if (fields[index]?.tag === contextConstructed(0)) {
    const attributesNode = fields[index];
    if (attributesNode.end - attributesNode.contentEnd !== 0) {
      // An indefinite length cannot be what was signed: the signature covers the DER encoding.
      throw new Asn1DecodingError('signed attributes use an indefinite length');
    }
    signedAttributesDer = Buffer.from(bytes.subarray(attributesNode.start, attributesNode.end));
    signedAttributesDer[0] = ASN1_TAG.set;
    signedAttributes = parseAttributes(bytes, attributesNode, true);
    index += 1;
  }
  const signatureAlgorithm = expectTag(fields[index], ASN1_TAG.sequence, 'signatureAlgorithm');
  const signature = asn1Content(
    bytes,
    expectTag(fields[index + 1], ASN1_TAG.octetString, 'signature'),
  );
  const unsignedNode = fields[index + 2];
  const unsignedAttributes =
    unsignedNode?.tag === contextConstructed(1)
      ? parseAttributes(bytes, unsignedNode, false)
      : new Map();
  return {
    version,
    signerId,
    digestAlgorithm,
    signedAttributesDer,
    signedAttributes,
    signatureAlgorithm,
    signature,
    unsignedAttributes,
  };
}

function parseSignerIdentifier(bytes: Buffer, node: Asn1Node | undefined): SignerIdentifier {
  if (node?.tag === ASN1_TAG.sequence) {
    const [issuer, serial] = node.children;
    return {
      kind: 'issuer-serial',
      issuer: parseDistinguishedName(bytes, expectTag(issuer, ASN1_TAG.sequence, 'issuer')),
      serialNumber: decodeIntegerHex(bytes, expectTag(serial, ASN1_TAG.integer, 'serialNumber')),
    };
  }
  if (node?.tag === contextPrimitive(0)) {
    return {
      kind: 'subject-key-identifier',
      keyIdentifier: asn1Content(bytes, node).toString('hex'),
    };
  }
  throw new Asn1DecodingError(
    'SignerIdentifier is neither issuerAndSerialNumber nor a key identifier',
  );
}

function parseAttributes(
  bytes: Buffer,
  node: Asn1Node,
  unique: boolean,
): ReadonlyMap<string, readonly Asn1Node[]> {
  const attributes = new Map<string, readonly Asn1Node[]>();
  for (const attribute of node.children) {
    const [type, values] = expectTag(attribute, ASN1_TAG.sequence, 'Attribute').children;
    const oid = decodeOid(bytes, expectTag(type, ASN1_TAG.oid, 'attribute type'));
    const valueSet = expectTag(values, ASN1_TAG.set, 'attribute values');
    if (attributes.has(oid)) {
      if (unique) throw new Asn1DecodingError(`signed attribute ${oid} appears twice`);
      continue;
    }
    attributes.set(oid, valueSet.children);
  }
  return attributes;
}

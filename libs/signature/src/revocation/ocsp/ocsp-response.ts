import { Asn1DecodingError } from '@docaxis/signature/cms/asn1-decoding-error';
import {
  asn1Content,
  asn1Encoding,
  ASN1_TAG,
  contextConstructed,
  contextPrimitive,
  expectTag,
  readAsn1Exact,
  type Asn1Node,
} from '@docaxis/signature/cms/asn1-reader';
import {
  decodeBitString,
  decodeIntegerHex,
  decodeOid,
  decodeSmallInteger,
  decodeTime,
} from '@docaxis/signature/cms/asn1-values';
import { parseDigestAlgorithm } from '@docaxis/signature/cms/digest-algorithm';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import { CRL_REASON_NAMES } from '@docaxis/signature/revocation/certificate-revocation-list';
import {
  parseDistinguishedName,
  type DistinguishedName,
} from '@docaxis/signature/trust/distinguished-name';
import type { OcspCertId } from './ocsp-cert-id';

/** RFC 6960 §4.2.1 OCSPResponseStatus names by code. */
const RESPONSE_STATUSES: Readonly<Record<number, string>> = {
  0: 'successful',
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};

export type OcspCertStatus =
  { kind: 'good' } | { kind: 'revoked'; revokedAt: Date; reason?: string } | { kind: 'unknown' };

export interface OcspSingleResponse {
  certId: OcspCertId;
  status: OcspCertStatus;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export type OcspResponderId = { byName: DistinguishedName } | { byKeyHash: Buffer };

/** A successful response whose BasicOCSPResponse is decoded but not yet trusted. */
export interface BasicOcspResponse {
  /** The exact signed bytes (tbsResponseData). */
  tbsResponseData: Buffer;
  signatureAlgorithm: Asn1Node;
  signatureValue: Buffer;
  /** The bytes `signatureAlgorithm` offsets refer to. */
  der: Buffer;
  responderId: OcspResponderId;
  producedAt: Date;
  responses: OcspSingleResponse[];
  nonce?: Buffer;
  /** DER certificates the responder included (its own, delegated by the issuer). */
  certificates: Buffer[];
}

export type ParsedOcspResponse =
  { status: 'successful'; basic: BasicOcspResponse } | { status: string };

/**
 * Decodes an OCSPResponse (RFC 6960 §4.2.1). Throws Asn1DecodingError on anything malformed; the
 * caller treats that as "no answer", never as good.
 */
export function parseOcspResponse(der: Buffer): ParsedOcspResponse {
  const root = expectTag(readAsn1Exact(der), ASN1_TAG.sequence, 'OCSPResponse');
  const statusCode = decodeSmallInteger(
    der,
    expectTag(root.children[0], ASN1_TAG.enumerated, 'responseStatus'),
  );
  const status = RESPONSE_STATUSES[statusCode] ?? `status ${statusCode}`;
  if (statusCode !== 0) return { status };
  const bytes = expectTag(root.children[1], contextConstructed(0), 'responseBytes');
  const [typeNode, responseNode] = expectTag(
    bytes.children[0],
    ASN1_TAG.sequence,
    'ResponseBytes',
  ).children;
  const type = decodeOid(der, expectTag(typeNode, ASN1_TAG.oid, 'responseType'));
  if (type !== OID.ocspBasic) throw new Asn1DecodingError(`unsupported OCSP response type ${type}`);
  const basicDer = asn1Content(der, expectTag(responseNode, ASN1_TAG.octetString, 'response'));
  return { status: 'successful', basic: parseBasicResponse(basicDer) };
}

function parseBasicResponse(der: Buffer): BasicOcspResponse {
  const root = expectTag(readAsn1Exact(der), ASN1_TAG.sequence, 'BasicOCSPResponse');
  const [tbsNode, algorithmNode, signatureNode, certsNode] = root.children;
  const tbs = expectTag(tbsNode, ASN1_TAG.sequence, 'ResponseData');
  const fields = [...tbs.children];
  if (fields[0]?.tag === contextConstructed(0)) fields.shift();
  const [responderNode, producedAtNode, responsesNode, extensionsNode] = fields;
  let responderId: OcspResponderId;
  if (responderNode?.tag === contextConstructed(1)) {
    responderId = { byName: parseDistinguishedName(der, responderNode.children[0]) };
  } else if (responderNode?.tag === contextConstructed(2)) {
    responderId = {
      byKeyHash: asn1Content(
        der,
        expectTag(responderNode.children[0], ASN1_TAG.octetString, 'KeyHash'),
      ),
    };
  } else {
    throw new Asn1DecodingError('OCSP responderID is neither byName nor byKey');
  }
  const producedAt = decodeTime(
    der,
    expectTag(producedAtNode, ASN1_TAG.generalizedTime, 'producedAt'),
  );
  const responses = expectTag(responsesNode, ASN1_TAG.sequence, 'responses').children.map((node) =>
    parseSingleResponse(der, node),
  );
  let nonce: Buffer | undefined;
  if (extensionsNode?.tag === contextConstructed(1)) {
    for (const extension of expectTag(extensionsNode.children[0], ASN1_TAG.sequence, 'Extensions')
      .children) {
      const parts = expectTag(extension, ASN1_TAG.sequence, 'Extension').children;
      if (decodeOid(der, expectTag(parts[0], ASN1_TAG.oid, 'extnID')) !== OID.ocspNonce) continue;
      const value = asn1Content(
        der,
        expectTag(parts[parts.length - 1], ASN1_TAG.octetString, 'extnValue'),
      );
      // RFC 8954 wraps the nonce in an OCTET STRING; some responders put the raw octets.
      const inner = value[0] === ASN1_TAG.octetString ? tryOctetString(value) : undefined;
      nonce = inner ?? value;
    }
  }
  const certificates: Buffer[] = [];
  if (certsNode?.tag === contextConstructed(0)) {
    for (const certificate of expectTag(certsNode.children[0], ASN1_TAG.sequence, 'certs')
      .children) {
      certificates.push(asn1Encoding(der, certificate));
    }
  }
  return {
    tbsResponseData: asn1Encoding(der, tbs),
    signatureAlgorithm: expectTag(algorithmNode, ASN1_TAG.sequence, 'signatureAlgorithm'),
    signatureValue: decodeBitString(der, expectTag(signatureNode, ASN1_TAG.bitString, 'signature'))
      .data,
    der,
    responderId,
    producedAt,
    responses,
    nonce,
    certificates,
  };
}

function parseSingleResponse(der: Buffer, node: Asn1Node): OcspSingleResponse {
  const [certIdNode, statusNode, thisUpdateNode, ...rest] = expectTag(
    node,
    ASN1_TAG.sequence,
    'SingleResponse',
  ).children;
  const [algorithm, nameHash, keyHash, serial] = expectTag(
    certIdNode,
    ASN1_TAG.sequence,
    'CertID',
  ).children;
  const certId: OcspCertId = {
    hashAlgorithm: parseDigestAlgorithm(der, algorithm).name,
    issuerNameHash: asn1Content(der, expectTag(nameHash, ASN1_TAG.octetString, 'issuerNameHash')),
    issuerKeyHash: asn1Content(der, expectTag(keyHash, ASN1_TAG.octetString, 'issuerKeyHash')),
    serialNumber: decodeIntegerHex(der, expectTag(serial, ASN1_TAG.integer, 'serialNumber')),
  };
  let status: OcspCertStatus;
  if (statusNode?.tag === contextPrimitive(0)) {
    status = { kind: 'good' };
  } else if (statusNode?.tag === contextConstructed(1)) {
    const [timeNode, reasonNode] = statusNode.children;
    const revokedAt = decodeTime(
      der,
      expectTag(timeNode, ASN1_TAG.generalizedTime, 'revocationTime'),
    );
    const reasonCode =
      reasonNode?.tag === contextConstructed(0)
        ? decodeSmallInteger(
            der,
            expectTag(reasonNode.children[0], ASN1_TAG.enumerated, 'revocationReason'),
          )
        : undefined;
    status =
      reasonCode === undefined
        ? { kind: 'revoked', revokedAt }
        : {
            kind: 'revoked',
            revokedAt,
            reason: CRL_REASON_NAMES[reasonCode] ?? `reason ${reasonCode}`,
          };
  } else if (statusNode?.tag === contextPrimitive(2)) {
    status = { kind: 'unknown' };
  } else {
    throw new Asn1DecodingError('OCSP certStatus is not good, revoked or unknown');
  }
  const thisUpdate = decodeTime(
    der,
    expectTag(thisUpdateNode, ASN1_TAG.generalizedTime, 'thisUpdate'),
  );
  const nextUpdateNode = rest.find((child) => child.tag === contextConstructed(0));
  const nextUpdate = nextUpdateNode
    ? decodeTime(der, expectTag(nextUpdateNode.children[0], ASN1_TAG.generalizedTime, 'nextUpdate'))
    : undefined;
  return nextUpdate ? { certId, status, thisUpdate, nextUpdate } : { certId, status, thisUpdate };
}

function tryOctetString(value: Buffer): Buffer | undefined {
  try {
    return asn1Content(value, expectTag(readAsn1Exact(value), ASN1_TAG.octetString, 'nonce'));
  } catch {
    return undefined;
  }
}

import { randomBytes } from 'node:crypto';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import { digestAlgorithmByName } from '@docaxis/signature/cms/digest-algorithm';
import {
  asn1Explicit,
  asn1Integer,
  asn1Null,
  asn1OctetString,
  asn1Oid,
  asn1Sequence,
  derOf,
} from '@docaxis/signature/pki/asn1-node-factory';
import type { OcspCertId } from './ocsp-cert-id';

export interface OcspRequest {
  der: Buffer;
  /** Sent in the id-pkix-ocsp-nonce extension; a response that echoes another is refused. */
  nonce: Buffer;
}

/**
 * An unsigned OCSPRequest (RFC 6960 §4.1.1) for one certificate, with a fresh 32-octet nonce
 * (RFC 8954 asks for 32): a response cannot be replayed from another request.
 */
export function buildOcspRequest(certId: OcspCertId, nonce: Buffer = randomBytes(32)): OcspRequest {
  const serial =
    certId.serialNumber.length % 2 === 1 ? `0${certId.serialNumber}` : certId.serialNumber;
  const request = asn1Sequence([
    asn1Sequence([
      asn1Sequence([asn1Oid(digestAlgorithmByName(certId.hashAlgorithm).oid), asn1Null()]),
      asn1OctetString(certId.issuerNameHash),
      asn1OctetString(certId.issuerKeyHash),
      asn1Integer(Buffer.from(serial, 'hex')),
    ]),
  ]);
  const nonceExtension = asn1Sequence([
    asn1Oid(OID.ocspNonce),
    asn1OctetString(derOf(asn1OctetString(nonce))),
  ]);
  const tbsRequest = asn1Sequence([
    asn1Sequence([request]),
    asn1Explicit(2, asn1Sequence([nonceExtension])),
  ]);
  return { der: derOf(asn1Sequence([tbsRequest])), nonce };
}

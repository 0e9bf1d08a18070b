import { Asn1DecodingError } from '@docaxis/signature/cms/asn1-decoding-error';
import {
  asn1Content,
  ASN1_TAG,
  expectTag,
  readAsn1Exact,
} from '@docaxis/signature/cms/asn1-reader';
import { decodeIntegerHex, decodeOid, decodeTime } from '@docaxis/signature/cms/asn1-values';
import {
  parseDigestAlgorithm,
  type DigestAlgorithm,
} from '@docaxis/signature/cms/digest-algorithm';

/** The parts of an RFC 3161 TSTInfo (§2.4.2) a signature timestamp is judged by. */
export interface TstInfo {
  policy: string;
  imprintAlgorithm: DigestAlgorithm;
  hashedMessage: Buffer;
  /** Upper-case hex. */
  serialNumber: string;
  genTime: Date;
}

/** Throws Asn1DecodingError (or UnsupportedAlgorithmError for MD5 and unknown digests). */
export function parseTstInfo(der: Buffer): TstInfo {
  const [version, policy, imprint, serial, genTime] = expectTag(
    readAsn1Exact(der),
    ASN1_TAG.sequence,
    'TSTInfo',
  ).children;
  expectTag(version, ASN1_TAG.integer, 'TSTInfo version');
  const [algorithm, hashed] = expectTag(imprint, ASN1_TAG.sequence, 'messageImprint').children;
  if (!algorithm || !hashed) throw new Asn1DecodingError('messageImprint is incomplete');
  return {
    policy: decodeOid(der, expectTag(policy, ASN1_TAG.oid, 'policy')),
    imprintAlgorithm: parseDigestAlgorithm(der, algorithm),
    hashedMessage: asn1Content(der, expectTag(hashed, ASN1_TAG.octetString, 'hashedMessage')),
    serialNumber: decodeIntegerHex(der, expectTag(serial, ASN1_TAG.integer, 'serialNumber')),
    genTime: decodeTime(der, expectTag(genTime, ASN1_TAG.generalizedTime, 'genTime')),
  };
}

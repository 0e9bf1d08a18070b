import { expectNoAlgorithmParameters } from './algorithm-parameters';
import { ASN1_TAG, expectTag, type Asn1Node } from './asn1-reader';
import { decodeOid } from './asn1-values';
import { OID } from './object-identifiers';
import { UnsupportedAlgorithmError } from './unsupported-algorithm-error';

export type DigestAlgorithmName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface DigestAlgorithm {
  readonly name: DigestAlgorithmName;
  readonly oid: string;
  /** Still accepted (old signers use it) but no longer collision resistant: reported as weak. */
  readonly weak: boolean;
}

const DIGESTS: readonly DigestAlgorithm[] = [
  { name: 'sha1', oid: OID.sha1, weak: true },
  { name: 'sha224', oid: OID.sha224, weak: false },
  { name: 'sha256', oid: OID.sha256, weak: false },
  { name: 'sha384', oid: OID.sha384, weak: false },
  { name: 'sha512', oid: OID.sha512, weak: false },
];

export function digestAlgorithmByName(name: DigestAlgorithmName): DigestAlgorithm {
  const found = DIGESTS.find((digest) => digest.name === name);
  if (!found) throw new UnsupportedAlgorithmError(`unknown digest ${name}`);
  return found;
}

/**
 * Reads a digest AlgorithmIdentifier; MD5 and unknown digests are refused (UnsupportedAlgorithmError),
 * parameters other than none or NULL too (Asn1DecodingError).
 */
export function parseDigestAlgorithm(
  bytes: Buffer,
  algorithmIdentifier: Asn1Node,
): DigestAlgorithm {
  const sequence = expectTag(algorithmIdentifier, ASN1_TAG.sequence, 'digest AlgorithmIdentifier');
  const oid = decodeOid(bytes, expectTag(sequence.children[0], ASN1_TAG.oid, 'digest OID'));
  const found = DIGESTS.find((digest) => digest.oid === oid);
  if (!found) {
    const name = oid === OID.md5 ? 'MD5 (broken)' : oid;
    throw new UnsupportedAlgorithmError(`digest algorithm ${name} is not accepted`, { oid });
  }
  expectNoAlgorithmParameters(sequence, 'absent-or-null', `digest algorithm ${found.name}`);
  return found;
}

import { constants, createVerify, verify, type KeyObject } from 'node:crypto';
import { expectNoAlgorithmParameters } from './algorithm-parameters';
import { Asn1DecodingError } from './asn1-decoding-error';
import { ASN1_TAG, contextConstructed, expectTag, type Asn1Node } from './asn1-reader';
import { decodeOid, decodeSmallInteger } from './asn1-values';
import { parseDigestAlgorithm, type DigestAlgorithmName } from './digest-algorithm';
import { OID } from './object-identifiers';
import { UnsupportedAlgorithmError } from './unsupported-algorithm-error';

export type SignatureScheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'ed25519';

export interface SignatureAlgorithm {
  readonly oid: string;
  readonly scheme: SignatureScheme;
  /** Hash the signature is computed with; null for Ed25519 (it hashes internally). */
  readonly hash: DigestAlgorithmName | null;
  /** RSASSA-PSS salt length in bytes. */
  readonly saltLength?: number;
  /** Human-readable name for reports: `sha256WithRSAEncryption`, `RSASSA-PSS(sha256)`, ... */
  readonly displayName: string;
}

const HASHED_SIGNATURES: Readonly<
  Record<string, { scheme: SignatureScheme; hash: DigestAlgorithmName; name: string }>
> = {
  [OID.sha1WithRsa]: { scheme: 'rsa-pkcs1', hash: 'sha1', name: 'sha1WithRSAEncryption' },
  [OID.sha224WithRsa]: { scheme: 'rsa-pkcs1', hash: 'sha224', name: 'sha224WithRSAEncryption' },
  [OID.sha256WithRsa]: { scheme: 'rsa-pkcs1', hash: 'sha256', name: 'sha256WithRSAEncryption' },
  [OID.sha384WithRsa]: { scheme: 'rsa-pkcs1', hash: 'sha384', name: 'sha384WithRSAEncryption' },
  [OID.sha512WithRsa]: { scheme: 'rsa-pkcs1', hash: 'sha512', name: 'sha512WithRSAEncryption' },
  [OID.ecdsaWithSha1]: { scheme: 'ecdsa', hash: 'sha1', name: 'ecdsa-with-SHA1' },
  [OID.ecdsaWithSha224]: { scheme: 'ecdsa', hash: 'sha224', name: 'ecdsa-with-SHA224' },
  [OID.ecdsaWithSha256]: { scheme: 'ecdsa', hash: 'sha256', name: 'ecdsa-with-SHA256' },
  [OID.ecdsaWithSha384]: { scheme: 'ecdsa', hash: 'sha384', name: 'ecdsa-with-SHA384' },
  [OID.ecdsaWithSha512]: { scheme: 'ecdsa', hash: 'sha512', name: 'ecdsa-with-SHA512' },
};

/**
 * Reads a signature AlgorithmIdentifier. `contentDigest` is the SignerInfo's digest algorithm: CMS
 * signers may name only the key type (rsaEncryption, id-ecPublicKey) and hash with that digest.
 */
export function parseSignatureAlgorithm(
  bytes: Buffer,
  algorithmIdentifier: Asn1Node,
  contentDigest?: DigestAlgorithmName,
): SignatureAlgorithm {
  const sequence = expectTag(
    algorithmIdentifier,
    ASN1_TAG.sequence,
    'signature AlgorithmIdentifier',
  );
  const oid = decodeOid(bytes, expectTag(sequence.children[0], ASN1_TAG.oid, 'signature OID'));
  const hashed = HASHED_SIGNATURES[oid];
  if (hashed) {
    expectNoAlgorithmParameters(sequence, 'absent-or-null', hashed.name);
    return { oid, scheme: hashed.scheme, hash: hashed.hash, displayName: hashed.name };
  }
  if (oid === OID.rsaEncryption || oid === OID.ecPublicKey) {
    if (!contentDigest) {
      throw new UnsupportedAlgorithmError(`signature algorithm ${oid} names no hash`, { oid });
    }
    const scheme = oid === OID.rsaEncryption ? 'rsa-pkcs1' : 'ecdsa';
    const prefix = scheme === 'rsa-pkcs1' ? 'rsaEncryption' : 'ecPublicKey';
    expectNoAlgorithmParameters(sequence, 'absent-or-null', prefix);
    return { oid, scheme, hash: contentDigest, displayName: `${prefix}+${contentDigest}` };
  }
  if (oid === OID.rsassaPss) {
    if (sequence.children.length > 2) {
      throw new Asn1DecodingError('RSASSA-PSS: more than an OID and parameters');
    }
    return parsePssParameters(bytes, oid, sequence.children[1]);
  }
  if (oid === OID.ed25519) {
    expectNoAlgorithmParameters(sequence, 'absent', 'Ed25519');
    return { oid, scheme: 'ed25519', hash: null, displayName: 'Ed25519' };
  }
  const name = oid === OID.md5WithRsa ? 'md5WithRSAEncryption (broken)' : oid;
  throw new UnsupportedAlgorithmError(`signature algorithm ${name} is not accepted`, { oid });
}

/**
 * RFC 4055 RSASSA-PSS-params, which a signature's AlgorithmIdentifier must carry (an empty
 * SEQUENCE means every default); fields in order, each at most once, nothing else. node:crypto
 * takes the MGF1 hash from the signature hash only.
 */
function parsePssParameters(
  bytes: Buffer,
  oid: string,
  parameters: Asn1Node | undefined,
): SignatureAlgorithm {
  let hash: DigestAlgorithmName = 'sha1';
  let mgfHash: DigestAlgorithmName = 'sha1';
  let saltLength = 20;
  const fields = expectTag(parameters, ASN1_TAG.sequence, 'RSASSA-PSS-params').children;
  let previousTag = -1;
  for (const field of fields) {
    if (field.tag <= previousTag || field.children.length !== 1) {
      throw new Asn1DecodingError('RSASSA-PSS-params: fields out of order, repeated or empty');
    }
    previousTag = field.tag;
    const inner = field.children[0];
    if (field.tag === contextConstructed(0)) {
      hash = parseDigestAlgorithm(bytes, inner).name;
    } else if (field.tag === contextConstructed(1)) {
      const mgf = expectTag(inner, ASN1_TAG.sequence, 'maskGenAlgorithm');
      const mgfOid = decodeOid(bytes, expectTag(mgf.children[0], ASN1_TAG.oid, 'MGF OID'));
      if (mgfOid !== OID.mgf1) {
        throw new UnsupportedAlgorithmError(`PSS mask generation ${mgfOid} is not supported`);
      }
      if (mgf.children.length !== 2) {
        throw new Asn1DecodingError('maskGenAlgorithm: MGF1 takes exactly one hash algorithm');
      }
      mgfHash = parseDigestAlgorithm(bytes, mgf.children[1]).name;
    } else if (field.tag === contextConstructed(2)) {
      saltLength = decodeSmallInteger(bytes, expectTag(inner, ASN1_TAG.integer, 'saltLength'));
    } else if (field.tag === contextConstructed(3)) {
      if (decodeSmallInteger(bytes, expectTag(inner, ASN1_TAG.integer, 'trailerField')) !== 1) {
        throw new UnsupportedAlgorithmError('PSS trailer field other than 1');
      }
    } else {
      throw new Asn1DecodingError(
        `RSASSA-PSS-params: unknown field tag 0x${field.tag.toString(16)}`,
      );
    }
  }
  if (mgfHash !== hash) {
    throw new UnsupportedAlgorithmError(`PSS with MGF1-${mgfHash} over ${hash} is not supported`);
  }
  return { oid, scheme: 'rsa-pss', hash, saltLength, displayName: `RSASSA-PSS(${hash})` };
}

const KEY_TYPES_FOR_SCHEME: Readonly<Record<SignatureScheme, readonly string[]>> = {
  'rsa-pkcs1': ['rsa'],
  'rsa-pss': ['rsa', 'rsa-pss'],
  ecdsa: ['ec'],
  ed25519: ['ed25519'],
};

/**
 * Verifies `signature` over the concatenation of `chunks` (streamed, never copied together for
 * hashed schemes). Returns false for a wrong signature, a key of the wrong type, or any error
 * OpenSSL raises on hostile input: a signature check must never throw its way to "valid".
 */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  chunks: readonly Buffer[],
  publicKey: KeyObject,
  signature: Buffer,
): boolean {
  if (!KEY_TYPES_FOR_SCHEME[algorithm.scheme].includes(publicKey.asymmetricKeyType ?? '')) {
    return false;
  }
  try {
    if (algorithm.scheme === 'ed25519' || algorithm.hash === null) {
      return verify(null, Buffer.concat(chunks), publicKey, signature);
    }
    const key =
      algorithm.scheme === 'rsa-pkcs1'
        ? { key: publicKey, padding: constants.RSA_PKCS1_PADDING }
        : algorithm.scheme === 'rsa-pss'
          ? {
              key: publicKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: algorithm.saltLength,
            }
          : { key: publicKey, dsaEncoding: 'der' as const };
    if (chunks.length === 1) {
      return verify(algorithm.hash, chunks[0], key, signature);
    }
    const verifier = createVerify(algorithm.hash);
    for (const chunk of chunks) verifier.update(chunk);
    return verifier.verify(key, signature);
  } catch {
    return false;
  }
}

/** Whether the algorithm's hash is SHA-1 (accepted, reported as weak). */
export function isWeakSignatureAlgorithm(algorithm: SignatureAlgorithm): boolean {
  return algorithm.hash === 'sha1';
}

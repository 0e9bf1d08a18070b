import { Asn1DecodingError } from './asn1-decoding-error';
import { ASN1_TAG, type Asn1Node } from './asn1-reader';

/**
 * What an AlgorithmIdentifier's `parameters` may be when the algorithm takes none. These bytes
 * are outside what the signer signs (a SignerInfo's algorithms, a CRL's outer one), so a
 * verifier that ignores them would pass a signature whose encoding was changed after signing.
 * - `absent-or-null`: the SHA-2 digests (RFC 5754 §2: NULL must be accepted), RSA PKCS#1 v1.5
 *   (RFC 4055 §5 says NULL; signers omitting it are common) and, tolerantly, ECDSA (RFC 5758
 *   §3.2 says absent; some signers write NULL).
 * - `absent`: Ed25519 (RFC 8410 §3: MUST be absent).
 */
export type AlgorithmParameterRule = 'absent-or-null' | 'absent';

/** Throws Asn1DecodingError unless `sequence` is `{ OID }` or, where allowed, `{ OID, NULL }`. */
export function expectNoAlgorithmParameters(
  sequence: Asn1Node,
  rule: AlgorithmParameterRule,
  what: string,
): void {
  const [, parameters, ...extra] = sequence.children;
  if (extra.length > 0) {
    throw new Asn1DecodingError(`${what}: more than an OID and parameters`);
  }
  if (!parameters) return;
  const isNull =
    parameters.tag === ASN1_TAG.null && parameters.contentStart === parameters.contentEnd;
  if (rule === 'absent-or-null' && isNull) return;
  throw new Asn1DecodingError(
    `${what}: parameters must be ${rule === 'absent' ? 'absent' : 'absent or NULL'}, ` +
      `found tag 0x${parameters.tag.toString(16)}`,
  );
}

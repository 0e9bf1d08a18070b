import { createHash, type Hash } from 'node:crypto';
import type { DigestAlgorithmName } from '@docaxis/signature/cms/digest-algorithm';

/** A half-open byte range [start, end) of the document. */
export type ByteSpan = readonly [start: number, end: number];

/**
 * Digests of byte sequences of one document that begin with the same prefix: every signature of
 * a PDF signs [0, its /Contents) first, and the file hash covers [0, end), so they all share the
 * bytes up to the first signature's /Contents (usually nearly the whole original document). That
 * prefix is hashed once per algorithm and the hash state copied (node:crypto `hash.copy()`), so a
 * two-signature 5 MB PDF hashes ~5 MB instead of ~15 MB. The digests are exactly those of the
 * concatenated spans.
 */
export class SharedPrefixDigester {
  private readonly prefixStates = new Map<DigestAlgorithmName, Hash>();

  constructor(
    private readonly bytes: Buffer,
    /** Length of the shared prefix [0, prefixLength). */
    private readonly prefixLength: number,
  ) {}

  digest(algorithm: DigestAlgorithmName, spans: readonly ByteSpan[]): Buffer {
    const [first, ...rest] = spans;
    let hash: Hash;
    let from: ByteSpan[];
    if (first && first[0] === 0 && first[1] >= this.prefixLength && this.prefixLength > 0) {
      hash = this.prefixState(algorithm).copy();
      from = [[this.prefixLength, first[1]], ...rest];
    } else {
      hash = createHash(algorithm);
      from = [...spans];
    }
    for (const [start, end] of from) hash.update(this.bytes.subarray(start, end));
    return hash.digest();
  }

  private prefixState(algorithm: DigestAlgorithmName): Hash {
    let state = this.prefixStates.get(algorithm);
    if (!state) {
      state = createHash(algorithm).update(this.bytes.subarray(0, this.prefixLength));
      this.prefixStates.set(algorithm, state);
    }
    return state;
  }
}

import { createHash, verify, type KeyObject } from 'node:crypto';
import { BenchFailureError } from '../support/bench-failure.error';

/** The part of a signed PDF the math covers: the two byte-range segments of one signature. */
export type SignedByteRange = readonly [number, number, number, number];

/** A fixed RSA signature over a signed-attributes-sized message, verified once per signature. */
export interface RawSignatureFixture {
  publicKey: KeyObject;
  signedAttributes: Buffer;
  signatureValue: Buffer;
}

/**
 * The math of verifying one PDF's signatures and nothing else: per signature, SHA-256 over its
 * byte ranges and one RSA PKCS#1 v1.5 verification. Throws if the fixed signature ever fails (a
 * measurement of a broken check would be void).
 */
export function verifyByteRangesRaw(
  pdf: Buffer,
  byteRanges: readonly SignedByteRange[],
  fixture: RawSignatureFixture,
): void {
  for (const [start1, length1, start2, length2] of byteRanges) {
    createHash('sha256')
      .update(pdf.subarray(start1, start1 + length1))
      .update(pdf.subarray(start2, start2 + length2))
      .digest();
    if (!verify('sha256', fixture.signedAttributes, fixture.publicKey, fixture.signatureValue)) {
      throw new BenchFailureError('BENCH_BASELINE_BROKEN', 'baseline RSA signature did not verify');
    }
  }
}

import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { BenchFailureError } from '../support/bench-failure.error';

/** The part of a signed PDF the math covers: the two byte-range segments of one signature. */
export type SignedByteRange = readonly [number, number, number, number];

/**
 * What verifying a signed PDF costs when nothing but the math is done: per signature, SHA-256
 * over its byte ranges and one RSA-2048 PKCS#1 v1.5 verification of a signed-attributes-sized
 * message. No parsing, no chain, no revocation: the floor docaxis is compared against.
 */
export class RawVerificationBaseline {
  private readonly publicKey: KeyObject;
  private readonly signedAttributes = randomBytes(230);
  private readonly signatureValue: Buffer;

  constructor(
    private readonly pdf: Buffer,
    private readonly byteRanges: readonly SignedByteRange[],
  ) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKey = publicKey;
    this.signatureValue = sign('sha256', this.signedAttributes, privateKey);
  }

  /** One full pass; throws if the fixed signature ever fails (the measurement would be void). */
  verifyOnce(): void {
    for (const [start1, length1, start2, length2] of this.byteRanges) {
      createHash('sha256')
        .update(this.pdf.subarray(start1, start1 + length1))
        .update(this.pdf.subarray(start2, start2 + length2))
        .digest();
      if (!verify('sha256', this.signedAttributes, this.publicKey, this.signatureValue)) {
        throw new BenchFailureError(
          'BENCH_BASELINE_BROKEN',
          'baseline RSA signature did not verify',
        );
      }
    }
  }
}

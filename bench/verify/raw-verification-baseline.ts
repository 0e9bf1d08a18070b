import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  type RawSignatureFixture,
  type SignedByteRange,
  verifyByteRangesRaw,
} from './raw-signature-math';

export type { SignedByteRange };

/** A fresh RSA-2048 key and its signature over 230 random bytes (a signed-attributes' size). */
export function rawSignatureFixture(): RawSignatureFixture {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signedAttributes = randomBytes(230);
  return {
    publicKey,
    signedAttributes,
    signatureValue: sign('sha256', signedAttributes, privateKey),
  };
}

/**
 * What verifying a signed PDF costs when nothing but the math is done: per signature, SHA-256
 * over its byte ranges and one RSA-2048 PKCS#1 v1.5 verification of a signed-attributes-sized
 * message. No parsing, no chain, no revocation: the floor docaxis is compared against.
 */
export class RawVerificationBaseline {
  private readonly fixture = rawSignatureFixture();

  constructor(
    private readonly pdf: Buffer,
    private readonly byteRanges: readonly SignedByteRange[],
  ) {}

  /** One full pass; throws if the fixed signature ever fails (the measurement would be void). */
  verifyOnce(): void {
    verifyByteRangesRaw(this.pdf, this.byteRanges, this.fixture);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { SharedPrefixDigester, type ByteSpan } from './shared-prefix-digester';

const plain = (
  bytes: Buffer,
  algorithm: 'sha256' | 'sha1' | 'sha512',
  spans: ByteSpan[],
): Buffer => {
  const hash = createHash(algorithm);
  for (const [start, end] of spans) hash.update(bytes.subarray(start, end));
  return hash.digest();
};

describe('SharedPrefixDigester', () => {
  it('gives exactly the digest of the concatenated spans, whatever the spans and the prefix', () => {
    const bytes = randomBytes(4096);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4096 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: 0, max: 4096 })), {
          maxLength: 3,
        }),
        fc.constantFrom('sha256' as const, 'sha1' as const, 'sha512' as const),
        (prefix, pairs, algorithm) => {
          const spans = pairs.map(([x, y]): ByteSpan => [Math.min(x, y), Math.max(x, y)]);
          const digester = new SharedPrefixDigester(bytes, prefix);
          // Twice: the second call copies the cached prefix state, which must stay untouched.
          expect(digester.digest(algorithm, spans)).toEqual(plain(bytes, algorithm, spans));
          expect(digester.digest(algorithm, spans)).toEqual(plain(bytes, algorithm, spans));
          const withPrefix: ByteSpan[] = [
            [0, Math.max(prefix, 1000)],
            [2000, 3000],
          ];
          expect(digester.digest(algorithm, withPrefix)).toEqual(
            plain(bytes, algorithm, withPrefix),
          );
        },
      ),
    );
  });
});

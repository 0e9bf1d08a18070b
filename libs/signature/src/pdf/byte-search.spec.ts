import fc from 'fast-check';
import { indexOfBytes } from './byte-search';

describe('indexOfBytes', () => {
  it('finds what Buffer#indexOf finds, from any start', () => {
    // A small alphabet, so needles of 8+ bytes match partially and fully often.
    const bytes = (min: number, max: number) =>
      fc
        .array(fc.constantFrom(0x61, 0x62, 0x63), { minLength: min, maxLength: max })
        .map((values) => Buffer.from(values));
    fc.assert(
      fc.property(bytes(0, 200), bytes(1, 12), fc.nat(210), (haystack, needle, from) => {
        expect(indexOfBytes(haystack, needle, from)).toBe(haystack.indexOf(needle, from));
      }),
      { numRuns: 2000 },
    );
  });

  it('does not match a needle cut off by the end of the buffer', () => {
    const haystack = Buffer.from('xx endstream yy endstre');
    expect(indexOfBytes(haystack, Buffer.from('endstream'), 4)).toBe(-1);
    expect(indexOfBytes(haystack, Buffer.from('endstream'))).toBe(3);
  });
});

import type { ByteRange } from './byte-range';
import { readSignatureContents } from './signature-contents-reader';

/** `prefix/Contents <hex>suffix` with the byte range around the hex string. */
function fileWith(hex: string, key = '/Contents '): { bytes: Buffer; range: ByteRange } {
  const head = `%PDF-1.7\n1 0 obj << /Type /Sig ${key}`;
  const gap = `<${hex}>`;
  const tail = ' >> endobj\n%%EOF\n';
  const bytes = Buffer.from(head + gap + tail, 'latin1');
  return { bytes, range: [0, head.length, head.length + gap.length, tail.length] };
}

describe('readSignatureContents', () => {
  it('returns the DER without its zero padding', () => {
    const { bytes, range } = fileWith('3003020105' + '00'.repeat(20));
    const result = readSignatureContents(bytes, range);
    expect(result).toMatchObject({ ok: true, nonZeroPadding: false });
    if (result.ok) expect(result.cms.toString('hex')).toBe('3003020105');
  });

  it('notes non-zero bytes after the DER (unsigned, ignored)', () => {
    const { bytes, range } = fileWith('3003020105' + '0001');
    expect(readSignatureContents(bytes, range)).toMatchObject({ ok: true, nonZeroPadding: true });
  });

  it('accepts upper-case hex digits', () => {
    const { bytes, range } = fileWith('3003020105AB'.toUpperCase());
    expect(readSignatureContents(bytes, range).ok).toBe(true);
  });

  it.each([
    ['a non-hex digit', '30030201zz'],
    ['an odd number of digits', '300302010'],
    ['whitespace inside', '3003 020105'],
  ])('refuses %s', (_, hex) => {
    const { bytes, range } = fileWith(hex);
    expect(readSignatureContents(bytes, range)).toMatchObject({
      ok: false,
      code: 'CONTENTS_NOT_HEX_STRING',
    });
  });

  it('refuses a gap that is not the value of /Contents', () => {
    const { bytes, range } = fileWith('3003020105', '/Cert ');
    expect(readSignatureContents(bytes, range)).toMatchObject({
      ok: false,
      code: 'CONTENTS_MISMATCH',
    });
  });

  it('refuses a gap that is not delimited by < and >', () => {
    const { bytes, range } = fileWith('3003020105');
    const shifted: ByteRange = [0, range[1] + 1, range[2], range[3]];
    expect(readSignatureContents(bytes, shifted)).toMatchObject({
      ok: false,
      code: 'CONTENTS_NOT_HEX_STRING',
    });
  });
  describe('reads every /Contents as an independent digit-by-digit decoding does', () => {
    /** What the gap must read as, decoded pair by pair with parseInt. */
    function expected(hex: string, digitsStart: number): unknown {
      const bad = [...hex].findIndex((char) => !/[0-9a-fA-F]/.test(char));
      if (bad !== -1) {
        return {
          ok: false,
          code: 'CONTENTS_NOT_HEX_STRING',
          text: `/Contents holds a non-hex character at offset ${digitsStart + bad}`,
        };
      }
      const decoded = Buffer.from(
        Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16)),
      );
      let derLength = decoded.length;
      if (decoded.length >= 2 && decoded[0] === 0x30) {
        const octets = decoded[1] < 0x80 ? 0 : decoded[1] & 0x7f;
        if (decoded[1] < 0x80) derLength = Math.min(decoded.length, 2 + decoded[1]);
        else if (octets >= 1 && octets <= 4 && decoded.length >= 2 + octets)
          derLength = Math.min(decoded.length, 2 + octets + decoded.readUIntBE(2, octets));
      }
      return {
        ok: true,
        cms: decoded.subarray(0, derLength).toString('hex'),
        hexText: hex,
        nonZeroPadding: decoded.subarray(derLength).some((byte) => byte !== 0),
      };
    }

    const der = '3082000a' + '0a'.repeat(10); // a 14-byte SEQUENCE, long-form length
    const cases: Array<[string, string]> = [
      ['zero padding', der + '0'.repeat(400)],
      ['no padding', der],
      ['upper-case digits', der.toUpperCase() + '00'.repeat(8)],
      ['a short-form SEQUENCE', '3003020105' + '0'.repeat(40)],
      ['a non-zero byte first in the padding', der + '01' + '0'.repeat(40)],
      ['a non-zero digit last in the padding', der + '0'.repeat(41) + '1'],
      ['a non-hex digit in the padding', der + '0'.repeat(20) + 'g0' + '0'.repeat(20)],
      ['a non-hex second digit in the padding', der + '0'.repeat(21) + 'x' + '0'.repeat(20)],
      ['a non-hex digit in the DER', '3082000a0a0a0z' + '0a'.repeat(7) + '0'.repeat(40)],
      ['a non-hex digit in the header', '30z2000a' + '0'.repeat(60)],
      ['a DER longer than the gap', '308203e8' + '0a'.repeat(10) + '0'.repeat(20)],
      ['not a SEQUENCE', '3182000a' + '0a'.repeat(10) + '0'.repeat(20)],
      ['an indefinite length', '3080' + '0a'.repeat(10) + '0'.repeat(20)],
      ['five length octets', '30850000000001' + '0'.repeat(20)],
      ['four length octets', '308400000002' + '0a0a' + '0'.repeat(20)],
      ['one byte', '30'],
      ['nothing', ''],
      ['only zeros', '0'.repeat(64)],
      ['padding past one 64 KiB chunk', der + '0'.repeat(70_000)],
      [
        'a non-zero digit past the first 64 KiB chunk',
        der + '0'.repeat(65_540) + '7' + '0'.repeat(9),
      ],
      [
        'a non-zero digit at the chunk edge',
        der + '0'.repeat(65_536 - der.length) + '1' + '0'.repeat(99),
      ],
    ];
    it.each(cases)('%s', (_, hex) => {
      const { bytes, range } = fileWith(hex);
      const result = readSignatureContents(bytes, range);
      const actual = result.ok ? { ...result, cms: result.cms.toString('hex') } : result;
      expect(actual).toEqual(expected(hex, range[1] + 1));
    });
  });
});

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
});

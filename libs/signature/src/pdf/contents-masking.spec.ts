import { maskSignatureContents } from './contents-masking';
import { scanRawByteRanges } from './raw-byte-range-scanner';

/** Two signature dictionaries, each in its own "revision", with real-looking byte ranges. */
function twoSignatures(): Buffer {
  const hex = 'ab'.repeat(40);
  const first = `%PDF-1.7\n1 0 obj << /ByteRange [0 AAAA BBBB CCCC] /Contents <${hex}> >> endobj\n%%EOF\n`;
  const second = `2 0 obj << /ByteRange [0 DDDD EEEE FFFF] /Contents <${hex}> >> endobj\n%%EOF\n`;
  let text = first + second;
  const gap1 = first.indexOf('<ab');
  const gap2 = first.length + second.indexOf('<ab');
  const range = (gap: number, end: number): string[] => [
    String(gap),
    String(gap + hex.length + 2),
    String(end - gap - hex.length - 2),
  ];
  const [b1, c1, d1] = range(gap1, first.length);
  const [b2, c2, d2] = range(gap2, text.length);
  text = text
    .replace('AAAA BBBB CCCC', `${b1} ${c1} ${d1}`.padEnd(14))
    .replace('DDDD EEEE FFFF', `${b2} ${c2} ${d2}`.padEnd(14));
  return Buffer.from(text, 'latin1');
}

describe('maskSignatureContents', () => {
  const pdf = twoSignatures();
  const { masked, markerByGapStart, graphBytes } = maskSignatureContents(
    pdf,
    scanRawByteRanges(pdf),
  );

  it('replaces each signature value by a numbered marker, keeping every offset', () => {
    expect(masked.length).toBe(pdf.length);
    expect([...markerByGapStart.values()]).toEqual(['DAC500000000', 'DAC500000001']);
    expect(masked.toString('latin1')).toContain('/Contents <DAC500000000>        ');
    expect(pdf.toString('latin1')).toContain('/Contents <abab'); // the original is untouched
  });

  it('drops the filler for pdf-lib, per revision prefix', () => {
    const whole = graphBytes(pdf.length).toString('latin1');
    expect(whole).toContain('/Contents <DAC500000000> >> endobj');
    expect(whole).not.toContain('<DAC500000000>  ');
    const firstRevisionEnd = pdf.indexOf('%%EOF\n') + 6;
    const first = graphBytes(firstRevisionEnd).toString('latin1');
    expect(first.endsWith('%%EOF\n')).toBe(true);
    expect(first).not.toContain('DAC500000001');
  });

  it('keeps the masked bytes for a prefix that cuts through a gap', () => {
    const cut = markerByGapStart.size && [...markerByGapStart.keys()][1] + 20;
    expect(graphBytes(cut).equals(masked.subarray(0, cut))).toBe(true);
  });
});

import { PDFDict, PDFHexString, PDFName, PDFRef } from 'pdf-lib';
import { SignatureContentsMasks } from './contents-masking';
import { MaskedPdfParser } from './masked-pdf-parser';
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

describe('SignatureContentsMasks', () => {
  const pdf = twoSignatures();
  const masks = SignatureContentsMasks.of(pdf, scanRawByteRanges(pdf));
  const [firstGap, secondGap] = [...masks.markerByGapStart.keys()];

  async function contentsOf(bytes: Buffer, objectNumber: number): Promise<string | undefined> {
    const context = await new MaskedPdfParser(bytes, { masks }).parseDocument();
    const signature = context.lookup(PDFRef.of(objectNumber));
    const contents =
      signature instanceof PDFDict ? signature.get(PDFName.of('Contents')) : undefined;
    return contents instanceof PDFHexString ? contents.asString() : undefined;
  }

  it('numbers each signature gap with a marker', () => {
    expect([...masks.markerByGapStart.values()]).toEqual(['DAC500000000>', 'DAC500000001>']);
    expect(pdf.toString('latin1', firstGap, firstGap + 5)).toBe('<abab');
  });

  it('gives the parsers the marker instead of the digits, and resumes after the gap', async () => {
    expect(await contentsOf(pdf, 1)).toBe('DAC500000000>');
    expect(await contentsOf(pdf, 2)).toBe('DAC500000001>');
    expect(masks.hexStringAt(firstGap, pdf.length)?.resumeAt).toBe(pdf.indexOf('> >> endobj') + 1);
    expect(masks.hexStringAt(firstGap + 1, pdf.length)).toBeUndefined();
  });

  it('masks within a revision prefix, and a gap cut by the prefix up to its end', async () => {
    const firstRevisionEnd = pdf.indexOf('%%EOF\n') + 6;
    expect(await contentsOf(pdf.subarray(0, firstRevisionEnd), 1)).toBe('DAC500000000>');
    const cut = secondGap + 20;
    expect(masks.hexStringAt(secondGap, cut)).toEqual({ marker: 'DAC500000001>', resumeAt: cut });
    // Too short to hold even the marker: read as written (and unterminated).
    expect(masks.hexStringAt(secondGap, secondGap + 5)).toBeUndefined();
  });

  it('reads every hex string as written without masks', async () => {
    const context = await new MaskedPdfParser(pdf, {
      masks: SignatureContentsMasks.NONE,
    }).parseDocument();
    const signature = context.lookup(PDFRef.of(1), PDFDict);
    expect(signature.get(PDFName.of('Contents'))?.toString()).toBe(`<${'ab'.repeat(40)}>`);
  });
});

import { PDFContext, PDFDict, PDFName, PDFObjectParser } from 'pdf-lib';
import { IsDelimiter } from 'pdf-lib/cjs/core/syntax/Delimiters';
import { IsWhitespace } from 'pdf-lib/cjs/core/syntax/Whitespace';
import { SignatureContentsMasks } from './contents-masking';
import { ENDS_PDF_NAME, MaskedPdfParser } from './masked-pdf-parser';

/** `text` parsed as one object by pdf-lib's own parser and by MaskedPdfParser. */
function parseBoth(text: string): { pdfLib: PDFDict; masked: PDFDict } {
  const bytes = Buffer.from(text, 'latin1');
  const pdfLib = PDFObjectParser.forBytes(bytes, PDFContext.create()).parseObject();
  const masked = new MaskedPdfParser(bytes, { masks: SignatureContentsMasks.NONE }).parseObjectAt(
    0,
  );
  if (!(pdfLib instanceof PDFDict) || !(masked instanceof PDFDict))
    throw new TypeError('a dictionary was expected');
  return { pdfLib, masked };
}

describe('MaskedPdfParser names', () => {
  it('ends a name on exactly the bytes pdf-lib does', () => {
    for (let byte = 0; byte < 256; byte += 1) {
      expect([byte, ENDS_PDF_NAME[byte]]).toEqual([
        byte,
        IsWhitespace[byte] || IsDelimiter[byte] ? 1 : 0,
      ]);
    }
  });

  it('reads hostile names as the same interned PDFName instances as pdf-lib, in the same order', () => {
    // Escapes that decode to a key a reader acts on, a '#' that pdf-lib decodes once more when
    // the name is looked up by its text, high bytes, the empty name, names ended by every
    // delimiter, a comment right after a name.
    const { pdfLib, masked } = parseBoth(
      '<< /#43ontents 1 0 R /A#2341 (x) /Caf\xe9 /#2F#20 / 2 /a/b/c\0/d/e%comment\n' +
        '[/f]/g(/h)/i<41>/j<</k/l>>/#4E#61#6D#65 /N#ame#2 /Type/Page>>',
    );
    expect(masked.keys()).toEqual(pdfLib.keys());
    for (const [key, value] of pdfLib.entries()) {
      const other = masked.get(key);
      expect(other?.toString()).toBe(value.toString());
      if (value instanceof PDFName) expect(other).toBe(value);
    }
    expect(masked.get(PDFName.of('Contents'))?.toString()).toBe('1 0 R');
    expect(masked.constructor).toBe(pdfLib.constructor); // /Type /Page still makes a page leaf
  });

  it('stops a name at the end of the bytes, as pdf-lib does', () => {
    const bytes = Buffer.from('/Unterminated#41', 'latin1');
    const expected = PDFObjectParser.forBytes(bytes, PDFContext.create()).parseObject();
    const parser = new MaskedPdfParser(bytes, { masks: SignatureContentsMasks.NONE });
    expect(parser.parseObjectAt(0)).toBe(expected);
    expect(expected).toBe(PDFName.of('UnterminatedA'));
  });
});

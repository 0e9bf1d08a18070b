import { PDFName } from 'pdf-lib';
import { pdfName, pdfNameText } from './pdf-names';

const TRICKY = ['Type', 'A#41', '#43ontents', 'Caf\xe9', 'a b', '#2F', '', 'N#ame#2', 'A#2341'];

describe('pdfName and pdfNameText', () => {
  it('return exactly what PDFName.of and decodeText return, double decoding included', () => {
    for (const text of TRICKY) {
      expect(pdfName(text)).toBe(PDFName.of(text));
      expect(pdfName(text)).toBe(pdfName(text));
      expect(pdfNameText(pdfName(text))).toBe(PDFName.of(text).decodeText());
    }
    // The quirk the memo must keep: the text of /A#2341 ("A#41") names /AA when looked up again.
    expect(pdfNameText(pdfName('A#2341'))).toBe('A#41');
    expect(pdfName(pdfNameText(pdfName('A#2341')))).toBe(PDFName.of('AA'));
  });

  it('stays exact after the memo is dropped for holding too many names', () => {
    for (let i = 0; i < 10_000; i += 1) pdfName(`flood${i}`);
    for (const text of TRICKY) expect(pdfName(text)).toBe(PDFName.of(text));
    expect(pdfName('flood5')).toBe(PDFName.of('flood5'));
  });
});

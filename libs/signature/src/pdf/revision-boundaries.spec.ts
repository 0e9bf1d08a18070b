import {
  findRevisionEnds,
  hasDataAfterLastRevision,
  revisionEndingAt,
} from './revision-boundaries';

describe('revision boundaries', () => {
  const pdf = Buffer.from('%PDF-1.7\n...\n%%EOF\nupdate\n%%EOF\r\nlast\n%%EOF', 'latin1');

  it('ends each revision after %%EOF and its end-of-line (LF, CRLF or none)', () => {
    expect(findRevisionEnds(pdf)).toEqual([19, 33, pdf.length]);
    expect(revisionEndingAt(pdf, findRevisionEnds(pdf), 33)).toBe(2);
    expect(revisionEndingAt(pdf, findRevisionEnds(pdf), 31)).toBe(2); // before its CRLF
    expect(revisionEndingAt(pdf, findRevisionEnds(pdf), 30)).toBeUndefined();
  });

  it('accepts whitespace and NUL padding after the last %%EOF, nothing else', () => {
    const padded = Buffer.concat([pdf, Buffer.from('\r\n \0\0\n', 'latin1')]);
    expect(hasDataAfterLastRevision(padded, findRevisionEnds(padded))).toBe(false);
    const truncatedUpdate = Buffer.concat([
      pdf,
      Buffer.from('\n12 0 obj\n<< /Type /Annot', 'latin1'),
    ]);
    expect(hasDataAfterLastRevision(truncatedUpdate, findRevisionEnds(truncatedUpdate))).toBe(true);
    expect(findRevisionEnds(Buffer.from('%PDF-1.7 no end'))).toEqual([]);
  });
});

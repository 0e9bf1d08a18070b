import { PDFArray, PDFRef } from 'pdf-lib';
import { loadRefusalCode } from '@docaxis/signature/testing/pdf-load-refusal';
import { loadPdfObjectGraph } from './pdf-object-graph-loader';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';

const limits = { ...DEFAULT_PDF_LIMITS, maxNestingDepth: 8 };

/** A one-page-less PDF whose catalog is object 1, with `body` after it. */
function pdf(body: string, trailer = '<< /Root 1 0 R /Size 3 >>'): Buffer {
  return Buffer.from(
    `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n${body}\n` +
      `xref\n0 1\n0000000000 65535 f \ntrailer ${trailer}\nstartxref\n0\n%%EOF\n`,
    'latin1',
  );
}

function codeOf(bytes: Buffer): Promise<string | undefined> {
  return loadRefusalCode(bytes, limits);
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('loadPdfObjectGraph nesting bound', () => {
  it('builds objects nested up to the limit', async () => {
    const context = await loadPdfObjectGraph(pdf(`2 0 obj ${nested(8)} endobj`), limits);
    let object = context.lookup(PDFRef.of(2));
    let depth = 0;
    while (object instanceof PDFArray) {
      object = object.get(0);
      depth += 1;
    }
    expect(depth).toBe(8);
  });

  it('refuses deeper nesting in an object, in the trailer, and quickly when crafted deep', async () => {
    expect(await codeOf(pdf(`2 0 obj ${nested(9)} endobj`))).toBe('PDF_NESTING_TOO_DEEP');
    expect(await codeOf(pdf('', `<< /Root 1 0 R /X ${nested(9)} >>`))).toBe('PDF_NESTING_TOO_DEEP');
    expect(await codeOf(pdf(`2 0 obj ${'['.repeat(100_000)} endobj`))).toBe('PDF_NESTING_TOO_DEEP');
  });

  it('refuses deep objects that a scan of the syntax would take for string or stream data', async () => {
    // Junk between objects: pdf-lib skips to the next object header and parses it.
    expect(await codeOf(pdf(`< 2 0 obj ${nested(9)} endobj >`))).toBe('PDF_NESTING_TOO_DEEP');
    expect(await codeOf(pdf(`stream\n2 0 obj ${nested(9)} endobj\nendstream`))).toBe(
      'PDF_NESTING_TOO_DEEP',
    );
  });
});

import { deflateSync } from 'node:zlib';
import { loadRefusalCode } from '@docaxis/signature/testing/pdf-load-refusal';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './pdf-limits';

function objectStream(data: Buffer, filter = '/FlateDecode', count = 1, type = '/ObjStm'): Buffer {
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type ${type} /N ${count} /First 4 /Filter ${filter} /Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

function codeOf(pdf: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<string | undefined> {
  return loadRefusalCode(pdf, limits);
}

const eightMegabytes = () => deflateSync(Buffer.alloc(8 * 1024 * 1024));
const oneMegabyte = { ...DEFAULT_PDF_LIMITS, maxDecodedStreamBytes: 1024 * 1024 };

describe('StructuralStreamGuard (through loadPdfObjectGraph)', () => {
  it('lets an ordinary object stream through', async () => {
    const pdf = objectStream(deflateSync(Buffer.from('2 0 << /Type /Annot >>')));
    expect(await codeOf(pdf)).toBeUndefined();
  });

  it('stops a deflate bomb in an object or xref stream before pdf-lib inflates it', async () => {
    const bomb = objectStream(eightMegabytes());
    expect(bomb.length).toBeLessThan(20_000);
    expect(await codeOf(bomb, oneMegabyte)).toBe('PDF_STREAM_TOO_LARGE');
    expect(
      await codeOf(objectStream(eightMegabytes(), '/FlateDecode', 1, '/XRef'), oneMegabyte),
    ).toBe('PDF_STREAM_TOO_LARGE');
  });

  it('reads the type and filters as pdf-lib does: escaped names, filter chains', async () => {
    expect(
      await codeOf(objectStream(eightMegabytes(), '/FlateDecode', 1, '/ObjSt#6D'), oneMegabyte),
    ).toBe('PDF_STREAM_TOO_LARGE');
    expect(await codeOf(objectStream(eightMegabytes(), '/Fl#61teDecode'), oneMegabyte)).toBe(
      'PDF_STREAM_TOO_LARGE',
    );
    const twice = objectStream(deflateSync(eightMegabytes()), '[ /FlateDecode /FlateDecode ]');
    expect(await codeOf(twice, oneMegabyte)).toBe('PDF_STREAM_TOO_LARGE');
  });

  it('refuses object streams with filters whose expansion it cannot bound', async () => {
    expect(await codeOf(objectStream(Buffer.from('x'), '/LZWDecode'))).toBe('PDF_UNPARSEABLE');
  });

  it('counts declared objects against the limit, with the top-level headers', async () => {
    const limits = { ...DEFAULT_PDF_LIMITS, maxObjects: 100 };
    const many = objectStream(deflateSync(Buffer.from('2 0')), '/FlateDecode', 1000);
    expect(await codeOf(many, limits)).toBe('PDF_TOO_MANY_OBJECTS');
    const headers = Buffer.from(
      `%PDF-1.7\n${Array.from({ length: 101 }, (_, i) => `${i + 1} 0 obj null endobj`).join('\n')}`,
    );
    expect(await codeOf(headers, limits)).toBe('PDF_TOO_MANY_OBJECTS');
  });

  it('refuses nesting too deep inside a compressed object stream', async () => {
    const limits = { ...DEFAULT_PDF_LIMITS, maxNestingDepth: 16 };
    const nested = Buffer.from(`2 0 ${'['.repeat(100)}${']'.repeat(100)}`);
    expect(await codeOf(objectStream(deflateSync(nested)), limits)).toBe('PDF_NESTING_TOO_DEEP');
    expect(
      await codeOf(objectStream(deflateSync(Buffer.from('2 0 [[1]]'))), limits),
    ).toBeUndefined();
  });
});

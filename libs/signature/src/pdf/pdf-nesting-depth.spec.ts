import { assertNestingDepth } from './pdf-nesting-depth';
import { PdfStructureError } from './pdf-structure-error';

const pdf = (body: string) =>
  Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n${body}\n%%EOF\n`, 'latin1');

function codeOf(bytes: Buffer, maxDepth = 8): string | undefined {
  try {
    assertNestingDepth(bytes, maxDepth);
    return undefined;
  } catch (error) {
    return error instanceof PdfStructureError ? error.reportCode : 'OTHER';
  }
}

describe('assertNestingDepth', () => {
  it('accepts ordinary nesting up to the limit', () => {
    expect(codeOf(pdf('1 0 obj << /A [ [ << /B [1 2] >> ] ] >> endobj'), 5)).toBeUndefined();
  });

  it('refuses arrays or dictionaries nested past the limit', () => {
    expect(codeOf(pdf(`1 0 obj ${'['.repeat(9)}${']'.repeat(9)} endobj`))).toBe(
      'PDF_NESTING_TOO_DEEP',
    );
    expect(codeOf(pdf(`1 0 obj ${'<< /A '.repeat(9)}${'>> '.repeat(9)} endobj`))).toBe(
      'PDF_NESTING_TOO_DEEP',
    );
  });

  it('refuses a crafted 100 000-level nesting quickly, without recursion', () => {
    const deep = pdf(`1 0 obj ${'['.repeat(100_000)} endobj`);
    expect(codeOf(deep, 64)).toBe('PDF_NESTING_TOO_DEEP');
  });

  it('does not count brackets inside strings, hex strings, comments or stream data', () => {
    const body = [
      `1 0 obj << /T (${'['.repeat(20)} \\) (nested) ) /H <5b5b5b5b> >> endobj`,
      `% ${'['.repeat(20)}`,
      `2 0 obj << /Length 20 >>\nstream\n${'['.repeat(20)}\nendstream\nendobj`,
      '3 0 obj [ 1 ] endobj',
    ].join('\n');
    expect(codeOf(pdf(body))).toBeUndefined();
  });

  it('counts what follows a bare stream keyword that opens no stream (pdf-lib parses it)', () => {
    const body = `1 0 obj << >> endobj\nstream\n2 0 obj ${'['.repeat(9)}${']'.repeat(9)} endobj\nendstream`;
    expect(codeOf(pdf(body))).toBe('PDF_NESTING_TOO_DEEP');
    const commented = `2 0 obj << /Length 20 >> % why not\nstream\n${'['.repeat(20)}\nendstream\nendobj`;
    expect(codeOf(pdf(commented))).toBeUndefined();
  });
});

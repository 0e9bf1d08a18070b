import { wrapText } from './text-wrapping';

/** One point per character: widths are easy to reason about. */
const byLength = (text: string): number => Array.from(text).length;

describe('wrapText', () => {
  it('breaks at spaces without exceeding the width', () => {
    expect(wrapText('Chữ ký hợp lệ của cơ quan', 10, byLength)).toEqual([
      'Chữ ký hợp',
      'lệ của cơ',
      'quan',
    ]);
  });

  it('keeps explicit line breaks and empty lines', () => {
    expect(wrapText('a b\n\nc', 10, byLength)).toEqual(['a b', '', 'c']);
  });

  it('cuts a word longer than the line (a fingerprint) into pieces that fit', () => {
    const lines = wrapText(`x ${'0123456789abcdef'.repeat(2)} y`, 10, byLength);
    expect(lines).toEqual(['x', '0123456789', 'abcdef0123', '456789abcd', 'ef y']);
    expect(lines.every((line) => byLength(line) <= 10)).toBe(true);
  });

  it('makes progress even when not one character fits', () => {
    expect(wrapText('abc', 0.5, byLength)).toEqual(['a', 'b', 'c']);
  });

  it('never splits a surrogate pair', () => {
    expect(wrapText('😀😀😀', 2, byLength)).toEqual(['😀😀', '😀']);
  });
});

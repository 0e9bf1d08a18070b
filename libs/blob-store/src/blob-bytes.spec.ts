import { byteLengthOf, leadingBytesOf } from './blob-bytes';

describe('BlobBytes', () => {
  const pieces = [Buffer.from('%PD'), Buffer.from('F-1.7'), Buffer.from('\nrest')];

  it('counts the bytes of a Buffer or of its pieces', () => {
    expect(byteLengthOf(Buffer.from('%PDF-1.7'))).toBe(8);
    expect(byteLengthOf(pieces)).toBe(13);
    expect(byteLengthOf([])).toBe(0);
  });

  it('gives the leading bytes across pieces, or fewer when there are fewer', () => {
    expect(leadingBytesOf(pieces, 6).toString()).toBe('%PDF-1');
    expect(leadingBytesOf(pieces, 1024).toString()).toBe('%PDF-1.7\nrest');
    expect(leadingBytesOf(Buffer.from('%PDF-1.7'), 4).toString()).toBe('%PDF');
    expect(leadingBytesOf([], 4)).toHaveLength(0);
  });

  it('copies nothing when the first piece holds them', () => {
    const first = Buffer.from('%PDF-1.7 and more');
    const leading = leadingBytesOf([first, Buffer.from('x')], 5);
    expect(leading.toString()).toBe('%PDF-');
    expect(leading.buffer).toBe(first.buffer);
  });
});

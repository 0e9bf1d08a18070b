import { characterCount, sanitizeText } from './safe-text';

describe('sanitizeText', () => {
  it('normalizes to NFC and trims', () => {
    const decomposed = '  Hỏa tốc  '.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan('  Hỏa tốc  '.length);
    expect(sanitizeText(decomposed)).toEqual({ ok: true, value: 'Hỏa tốc' });
  });

  it.each([
    ['a\u0000b', 'contains the control character U+0000'],
    ['a\u007fb', 'contains the control character U+007F'],
    ['a\u0085b', 'contains the control character U+0085'],
    ['a\nb', 'contains the control character U+000A'],
    ['a\u200db', 'contains the invisible character U+200D'],
    ['a\u202eb', 'contains the invisible character U+202E'],
    ['a\ufeffb', 'contains the invisible character U+FEFF'],
    ['a\ud800b', 'contains an unpaired UTF-16 surrogate'],
    ['a\udc00', 'contains an unpaired UTF-16 surrogate'],
  ])('refuses %j', (raw, reason) => {
    expect(sanitizeText(raw)).toEqual({ ok: false, reason });
  });

  it('allows line breaks and tabs in multiline text only', () => {
    expect(sanitizeText('Dòng 1\r\n\tDòng 2', { multiline: true })).toEqual({
      ok: true,
      value: 'Dòng 1\r\n\tDòng 2',
    });
    expect(sanitizeText('a\u0000b', { multiline: true }).ok).toBe(false);
  });

  it('keeps paired surrogates and counts code points', () => {
    expect(sanitizeText('Hồ sơ 📄')).toEqual({ ok: true, value: 'Hồ sơ 📄' });
    expect(characterCount('📄ạ')).toBe(2);
  });
});

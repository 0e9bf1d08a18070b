import { AgencyCodeInvalidError } from './agency-code-invalid.error';
import {
  checkAgencyCode,
  isDescendantOf,
  isValidAgencyCode,
  level,
  normalizeAgencyCode,
  parentOf,
  parseAgencyCode,
} from './agency-code';

function problemOf(input: unknown): string {
  try {
    parseAgencyCode(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AgencyCodeInvalidError);
    const invalid = error as AgencyCodeInvalidError;
    expect(invalid.code).toBe('AGENCY_CODE_INVALID');
    expect(invalid.kind).toBe('invalid-input');
    return invalid.problem;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

describe('agency code (mã định danh)', () => {
  it.each([
    ['000.00.00.G22', 1],
    ['000.00.00.H41', 1],
    ['000.00.00.H14', 1],
    ['000.00.00.H20', 1],
    ['000.00.14.H20', 2],
    ['000.01.01.H08', 3],
    ['001.01.01.H08', 4],
  ])('accepts the common form %s at level %i', (code, expectedLevel) => {
    const parsed = parseAgencyCode(code);
    expect(parsed).toEqual({
      code,
      form: 'common',
      groups: code.split('.'),
      level: expectedLevel,
    });
    expect(level(code)).toBe(expectedLevel);
  });

  it('accepts the wider QĐ 20/2020 form up to 35 characters', () => {
    const code = 'A1B2.0003.0002.01.H20';
    expect(parseAgencyCode(code)).toEqual({
      code,
      form: 'extended',
      groups: ['A1B2', '0003', '0002', '01', 'H20'],
      level: 5,
    });
    const longest = `${'1'.repeat(31)}.G22`;
    expect(longest).toHaveLength(35);
    expect(parseAgencyCode(longest).level).toBe(2);
    expect(parseAgencyCode('00.G22').level).toBe(1);
  });

  it('trims surrounding ASCII whitespace only', () => {
    expect(normalizeAgencyCode('  000.00.14.H20\t\n')).toBe('000.00.14.H20');
    expect(problemOf('\u00a0000.00.14.H20')).toBe('NON_ASCII_CHARACTER');
  });

  it.each([
    [42, 'NOT_A_STRING'],
    [null, 'NOT_A_STRING'],
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['000.00.00.h20', 'LOWER_CASE'],
    ['000.00.00.\u0425\u0032\u0030', 'NON_ASCII_CHARACTER'], // Cyrillic Ха
    ['000.00.00.H\uff12\uff10', 'NON_ASCII_CHARACTER'], // full-width digits
    ['000.00.00.\u0048\u0332\u0032\u0030', 'NON_ASCII_CHARACTER'], // combining mark
    ['000.00.\u200b00.H20', 'INVISIBLE_CHARACTER'],
    ['\ufeff000.00.00.H20', 'INVISIBLE_CHARACTER'],
    ['000-00-00-H20', 'CHARACTER_NOT_ALLOWED'],
    ['000.00.00 H20', 'CHARACTER_NOT_ALLOWED'],
    [`${'1'.repeat(32)}.G22`, 'TOO_LONG'],
    ['000..00.H20', 'EMPTY_GROUP'],
    ['.000.00.00.H20', 'EMPTY_GROUP'],
    ['000.00.00.H20.', 'EMPTY_GROUP'],
    ['H20', 'TOO_FEW_GROUPS'],
    ['000.00.00.G2', 'LEVEL_ONE_GROUP_INVALID'],
    ['000.00.00.220', 'LEVEL_ONE_GROUP_INVALID'],
    ['000.00.14.HH0', 'LEVEL_ONE_GROUP_INVALID'],
    ['000.01.00.H08', 'LEVEL_GAP'],
    ['005.00.00.H08', 'LEVEL_GAP'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(problemOf(input)).toBe(problem);
    expect(isValidAgencyCode(input)).toBe(false);
  });

  it('names what is wrong in the message', () => {
    const check = checkAgencyCode('000.00.00.h20');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.message).toBe(
        'Agency code (mã định danh) is invalid: "h" at position 11 is lower case; agency codes use capital letters (A-Z) only',
      );
    }
    const cyrillic = checkAgencyCode('000.00.00.\u041d20');
    expect(!cyrillic.ok && cyrillic.error.message).toContain('U+041D at position 11');
  });

  it('finds the parent by zeroing the deepest used level', () => {
    expect(parentOf('000.00.14.H20')).toBe('000.00.00.H20');
    expect(parentOf('000.01.01.H08')).toBe('000.00.01.H08');
    expect(parentOf('001.01.01.H08')).toBe('000.01.01.H08');
    expect(parentOf('A1B2.0003.0002.01.H20')).toBe('0000.0003.0002.01.H20');
    expect(parentOf('000.00.00.G22')).toBeUndefined();
  });

  it('tells a descendant from a sibling, itself and an unrelated code', () => {
    expect(isDescendantOf('000.00.14.H20', '000.00.00.H20')).toBe(true);
    expect(isDescendantOf('000.02.14.H20', '000.00.00.H20')).toBe(true);
    expect(isDescendantOf('000.02.14.H20', '000.00.14.H20')).toBe(true);
    expect(isDescendantOf('000.00.00.H20', '000.00.00.H20')).toBe(false);
    expect(isDescendantOf('000.00.15.H20', '000.00.14.H20')).toBe(false);
    expect(isDescendantOf('000.00.14.H20', '000.00.00.H41')).toBe(false);
    expect(() => isDescendantOf('000.00.14.H20', '000.00.00.h20')).toThrow(AgencyCodeInvalidError);
  });

  it('refuses to compute a parent or level of an invalid code', () => {
    expect(() => parentOf('000.00.14.h20')).toThrow(AgencyCodeInvalidError);
    expect(() => level('nonsense')).toThrow(AgencyCodeInvalidError);
  });
});

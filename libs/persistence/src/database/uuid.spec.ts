import { isLowerCaseUuid, isUuid } from './uuid';

describe('isUuid, isLowerCaseUuid', () => {
  const lower = '0190f3c1-7a2b-7c3d-8e4f-a1b2c3d4e5f6';

  it('take a UUID in either letter case, and only lower case when asked', () => {
    expect(isUuid(lower)).toBe(true);
    expect(isUuid(lower.toUpperCase())).toBe(true);
    expect(isLowerCaseUuid(lower)).toBe(true);
    expect(isLowerCaseUuid(lower.toUpperCase())).toBe(false);
  });

  it.each(['', 'abc', `${lower}0`, ` ${lower}`, `${lower}\n`, lower.replace(/-/g, ''), '../x'])(
    'refuse %j',
    (value) => {
      expect(isUuid(value)).toBe(false);
      expect(isLowerCaseUuid(value)).toBe(false);
    },
  );
});

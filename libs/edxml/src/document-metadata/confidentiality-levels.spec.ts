import {
  CONFIDENTIALITIES,
  CONFIDENTIALITY_LEVELS,
  confidentialityFromEdxmlCode,
  edxmlCodeOfConfidentiality,
  isSecretLevel,
} from './confidentiality-levels';

describe('confidentiality levels (độ mật)', () => {
  it('pins the levels and their Vietnamese names', () => {
    expect(CONFIDENTIALITY_LEVELS.map((l) => [l.confidentiality, l.vietnameseName])).toEqual([
      ['none', 'Thường'],
      ['confidential', 'Mật'],
      ['secret', 'Tối mật'],
      ['top-secret', 'Tuyệt mật'],
    ]);
  });

  it('treats every level but none as secret', () => {
    expect(isSecretLevel('none')).toBe(false);
    expect(isSecretLevel('confidential')).toBe(true);
    expect(isSecretLevel('secret')).toBe(true);
    expect(isSecretLevel('top-secret')).toBe(true);
  });

  it('maps the edXML SecurityLevel codes both ways [check]', () => {
    expect(CONFIDENTIALITIES.map(edxmlCodeOfConfidentiality)).toEqual([0, 1, 2, 3]);
    for (const level of CONFIDENTIALITIES) {
      expect(confidentialityFromEdxmlCode(edxmlCodeOfConfidentiality(level))).toBe(level);
    }
    expect(confidentialityFromEdxmlCode(4)).toBeUndefined();
  });
});

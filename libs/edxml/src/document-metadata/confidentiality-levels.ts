/**
 * Confidentiality (độ mật). Any level other than `none` is a state secret: such documents never
 * travel on the axis (QĐ 28/2018/QĐ-TTg does not apply to them), so docaxis parses the level only
 * to refuse the document at the door.
 *
 * `edxmlCode` is docaxis's reading of the optional `OtherInfo/SecurityLevel` element. [check]
 * QCVN 102:2016 as reconstructed from the SDKs has no confidentiality element at all (secret
 * documents are outside its scope); docaxis accepts this element, numbered like `Priority`, so a
 * system that marks a secret document is refused instead of silently forwarded.
 */
export type Confidentiality = 'none' | 'confidential' | 'secret' | 'top-secret';

export interface ConfidentialityDefinition {
  readonly confidentiality: Confidentiality;
  readonly vietnameseName: string;
  readonly edxmlCode: number;
}

export const CONFIDENTIALITY_LEVELS: readonly ConfidentialityDefinition[] = [
  { confidentiality: 'none', vietnameseName: 'Thường', edxmlCode: 0 },
  { confidentiality: 'confidential', vietnameseName: 'Mật', edxmlCode: 1 },
  { confidentiality: 'secret', vietnameseName: 'Tối mật', edxmlCode: 2 },
  { confidentiality: 'top-secret', vietnameseName: 'Tuyệt mật', edxmlCode: 3 },
];

export const CONFIDENTIALITIES: readonly Confidentiality[] = CONFIDENTIALITY_LEVELS.map(
  (level) => level.confidentiality,
);

export function confidentialityDefinition(level: Confidentiality): ConfidentialityDefinition {
  // The table covers the whole union, so the lookup cannot miss.
  return CONFIDENTIALITY_LEVELS.find((entry) => entry.confidentiality === level)!;
}

/** Mật, Tối mật and Tuyệt mật are all secret. */
export function isSecretLevel(level: Confidentiality): boolean {
  return level !== 'none';
}

export function confidentialityFromEdxmlCode(code: number): Confidentiality | undefined {
  return CONFIDENTIALITY_LEVELS.find((entry) => entry.edxmlCode === code)?.confidentiality;
}

export function edxmlCodeOfConfidentiality(level: Confidentiality): number {
  return confidentialityDefinition(level).edxmlCode;
}

import { codePointLabel } from '../text/safe-text';
import { AgencyCodeInvalidError, type AgencyCodeProblem } from './agency-code-invalid.error';

/**
 * Agency identifier codes (mã định danh), QCVN 102:2016/BTTTT and QĐ 20/2020/QĐ-TTg.
 *
 * Common form, 13 characters: `DDD.CC.BB.XNN`. The last group `XNN` is level 1 (a capital letter
 * and two digits: `G22` Văn phòng Chính phủ, `H20` Đồng Tháp), then `BB` level 2, `CC` level 3,
 * `DDD` level 4, read right to left; an unused level is all zeros (`000.00.14.H20` is level 2).
 *
 * Extended form (QĐ 20/2020 widened codes to at most 35 characters). docaxis accepts, precisely:
 * - 1 to 35 characters, only `A`–`Z`, `0`–`9` and `.`;
 * - at least two groups separated by single dots (no empty group, no leading or trailing dot),
 *   each group 1 or more of `A`–`Z0`–`9`;
 * - the last group is the level-1 group and has the same shape as in the common form (a capital
 *   letter and two digits), since level-1 codes did not change;
 * - levels are read right to left; a group made only of `0` is an unused level, and a used level
 *   may not sit to the left of an unused one (a unit cannot hang below a missing parent).
 * The common form is the special case of four groups of 3, 2, 2 and 3 digits/characters.
 * [check] the group widths of the extended form against QĐ 20/2020's annex.
 *
 * Normalization only trims surrounding ASCII whitespace: lower case, look-alike letters
 * (Cyrillic `А`, full-width `０`) and zero-width characters are refused, never "fixed", because a
 * silently repaired code could route a dispatch to another agency.
 */
export type AgencyCodeForm = 'common' | 'extended';

export interface ParsedAgencyCode {
  /** The normalized code. */
  readonly code: string;
  readonly form: AgencyCodeForm;
  /** Groups left to right, as written (`['000', '00', '14', 'H20']`). */
  readonly groups: readonly string[];
  /** 1 for a ministry or province, 2 for a unit under it, and so on. */
  readonly level: number;
}

export type AgencyCodeCheck =
  | { readonly ok: true; readonly parsed: ParsedAgencyCode }
  | { readonly ok: false; readonly error: AgencyCodeInvalidError };

export const AGENCY_CODE_MAX_LENGTH = 35;

const COMMON_FORM = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const LEVEL_ONE_GROUP = /^[A-Z]\d{2}$/;
const ALLOWED_CHARACTER = /^[A-Z0-9.]$/;
const ONLY_ALLOWED_CHARACTERS = /^[A-Z0-9.]*$/;
const INVISIBLE_CHARACTER =
  /^[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]$/u;
const SURROUNDING_ASCII_WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** Checks a code without throwing; the envelope validator collects the failures as issues. */
export function checkAgencyCode(input: unknown): AgencyCodeCheck {
  if (typeof input !== 'string') {
    return fail('NOT_A_STRING', 'expected a string');
  }
  const code = input.replace(SURROUNDING_ASCII_WHITESPACE, '');
  if (code.length === 0) {
    return fail('EMPTY', 'it is empty');
  }
  const characterProblem = findCharacterProblem(code);
  if (characterProblem) return characterProblem;
  if (code.length > AGENCY_CODE_MAX_LENGTH) {
    return fail(
      'TOO_LONG',
      `"${code}" has ${code.length} characters, at most ${AGENCY_CODE_MAX_LENGTH} are allowed`,
    );
  }
  const groups = code.split('.');
  if (groups.some((group) => group.length === 0)) {
    return fail('EMPTY_GROUP', `"${code}" has an empty group (leading, trailing or double dot)`);
  }
  if (groups.length < 2) {
    return fail('TOO_FEW_GROUPS', `"${code}" must have at least two dot-separated groups`);
  }
  const levelOne = groups[groups.length - 1];
  if (!LEVEL_ONE_GROUP.test(levelOne)) {
    return fail(
      'LEVEL_ONE_GROUP_INVALID',
      `the last group "${levelOne}" of "${code}" must be a capital letter and two digits, like H20`,
    );
  }
  const level = levelOf(groups);
  for (let i = 0; i < groups.length - level; i++) {
    if (!isUnused(groups[i])) {
      return fail(
        'LEVEL_GAP',
        `"${code}" uses level ${groups.length - i} below the unused level ${level + 1}`,
      );
    }
  }
  const form: AgencyCodeForm = COMMON_FORM.test(code) ? 'common' : 'extended';
  return { ok: true, parsed: { code, form, groups, level } };
}

/** Parses and validates; throws `AgencyCodeInvalidError` (`AGENCY_CODE_INVALID`). */
export function parseAgencyCode(input: unknown): ParsedAgencyCode {
  const check = checkAgencyCode(input);
  if (!check.ok) throw check.error;
  return check.parsed;
}

/** The normalized code (surrounding ASCII whitespace trimmed); throws when invalid. */
export function normalizeAgencyCode(input: unknown): string {
  return parseAgencyCode(input).code;
}

export function isValidAgencyCode(input: unknown): boolean {
  return checkAgencyCode(input).ok;
}

/** 1 for `000.00.00.H20`, 2 for `000.00.14.H20`, 3 for `000.01.01.H08`. */
export function level(code: string): number {
  return parseAgencyCode(code).level;
}

/**
 * The parent agency's code: the deepest used level is zeroed (`000.00.14.H20` → `000.00.00.H20`).
 * A level-1 agency (ministry, province) has no parent: `undefined`.
 */
export function parentOf(code: string): string | undefined {
  const parsed = parseAgencyCode(code);
  if (parsed.level === 1) return undefined;
  const deepest = parsed.groups.length - parsed.level;
  return parsed.groups
    .map((group, index) => (index === deepest ? '0'.repeat(group.length) : group))
    .join('.');
}

/**
 * Whether `code` sits below `ancestor` (its parent, its parent's parent, …). Both must be valid;
 * an invalid code throws. A code is not its own ancestor.
 */
export function isDescendantOf(code: string, ancestor: string): boolean {
  const target = normalizeAgencyCode(ancestor);
  for (let parent = parentOf(code); parent !== undefined; parent = parentOf(parent)) {
    if (parent === target) return true;
  }
  return false;
}

function levelOf(groups: readonly string[]): number {
  let level = 1;
  // Walk leftwards from level 2 while groups are used; the first unused one ends the chain.
  for (let i = groups.length - 2; i >= 0 && !isUnused(groups[i]); i--) level++;
  return level;
}

function isUnused(group: string): boolean {
  return /^0+$/.test(group);
}

function findCharacterProblem(code: string): AgencyCodeCheck | undefined {
  // Fast path for the usual, valid code; anything else is described by the walk below.
  if (ONLY_ALLOWED_CHARACTERS.test(code)) return undefined;
  let position = 0;
  for (const character of code) {
    position++;
    if (ALLOWED_CHARACTER.test(character)) continue;
    const at = `at position ${position}`;
    if (/^[a-z]$/.test(character)) {
      return fail(
        'LOWER_CASE',
        `"${character}" ${at} is lower case; agency codes use capital letters (A-Z) only`,
      );
    }
    if (INVISIBLE_CHARACTER.test(character)) {
      return fail(
        'INVISIBLE_CHARACTER',
        `it contains the invisible character ${codePointLabel(character)} ${at}`,
      );
    }
    if (character.codePointAt(0)! > 0x7f) {
      return fail(
        'NON_ASCII_CHARACTER',
        `it contains the non-ASCII character ${codePointLabel(character)} ${at} (look-alikes such as Cyrillic or full-width characters are not accepted)`,
      );
    }
    return fail(
      'CHARACTER_NOT_ALLOWED',
      `"${character}" ${at} is not allowed; only A-Z, 0-9 and "." are`,
    );
  }
  return undefined;
}

function fail(problem: AgencyCodeProblem, reason: string): AgencyCodeCheck {
  return { ok: false, error: new AgencyCodeInvalidError(problem, reason) };
}

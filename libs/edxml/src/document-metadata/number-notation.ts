import type { BilingualText } from '@docaxis/errors/domain-error';
import { characterCount } from '../text/safe-text';
import {
  CONG_VAN,
  findDocumentTypeByAbbreviation,
  type DocumentTypeDefinition,
} from './document-types';
import { NotationTypeMismatchError } from './notation-type-mismatch.error';
import { NumberNotationInvalidError } from './number-notation-invalid.error';

/**
 * Number and notation (số, ký hiệu; NĐ 30/2020 art. 15 and Appendix I): `123/QĐ-TTg`.
 *
 * - Number: the yearly sequence, from 01; below 10 written with one leading zero (`05`), from 10
 *   on without (`7816`). docaxis allows at most 7 digits.
 * - Notation: segments joined by `-`: the type abbreviation (none for a công văn), the issuing
 *   body's abbreviation, then optionally the drafting unit's (`QĐ-TTg`, `VPCP-TTĐT`,
 *   `QĐ-UBND-VX`). Each segment is Vietnamese letters (capital or small: `TTg`, `QyĐ`) or digits.
 *   Normative documents carry the year first (`20/2020/QĐ-TTg`): an optional `yyyy/` prefix.
 * - A copy is numbered with a copy mark instead of the type: SY (sao y), TrS (trích sao),
 *   SL (sao lục), as in `12/SY-VPCP`.
 */
export type CopyMark = 'SY' | 'TrS' | 'SL';

export interface NumberNotation {
  /** The number as written (`05`). */
  readonly number: string;
  /** Its value (5). */
  readonly sequence: number;
  /** Everything after the first slash (`QĐ-TTg`, `2020/QĐ-TTg`). */
  readonly notation: string;
  /** The year of a normative document's notation (`2020/QĐ-TTg`). */
  readonly year?: number;
  /** The notation's `-`-separated segments, the year removed. */
  readonly segments: readonly string[];
  readonly copyMark?: CopyMark;
}

export type NumberNotationCheck =
  | { readonly ok: true; readonly value: NumberNotation }
  | { readonly ok: false; readonly error: NumberNotationInvalidError };

export const NOTATION_MAX_LENGTH = 50;
export const NUMBER_MAX_DIGITS = 7;
export const COPY_MARKS: readonly CopyMark[] = ['SY', 'TrS', 'SL'];

/**
 * Issuer abbreviations that are spelled like a type abbreviation, so a công văn may legitimately
 * start with them (`1234/CT-TTHT`: a Cục Thuế letter, not a Chỉ thị). [check] extend as found.
 */
export const ISSUERS_SPELLED_LIKE_A_TYPE: ReadonlySet<string> = new Set(['CT']);

// Basic Latin letters plus the precomposed Vietnamese letters (NFC), digits.
const SEGMENT =
  /^[0-9A-Za-z\u00c0-\u00c3\u00c8-\u00ca\u00cc\u00cd\u00d2-\u00d5\u00d9\u00da\u00dd\u00e0-\u00e3\u00e8-\u00ea\u00ec\u00ed\u00f2-\u00f5\u00f9\u00fa\u00fd\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]+$/u;

/** Checks the two parts as edXML carries them (`CodeNumber`, `CodeNotation`). */
export function checkNumberNotation(codeNumber: string, codeNotation: string): NumberNotationCheck {
  const number = codeNumber.trim();
  const numberProblem = findNumberProblem(number);
  if (numberProblem) return invalid('number', numberProblem);

  const notation = codeNotation.normalize('NFC').trim();
  if (notation.length === 0)
    return invalid('notation', { en: 'it is empty', vi: 'ký hiệu để trống' });
  if (characterCount(notation) > NOTATION_MAX_LENGTH) {
    return invalid('notation', {
      en: `"${notation}" is longer than ${NOTATION_MAX_LENGTH} characters`,
      vi: `"${notation}" dài quá ${NOTATION_MAX_LENGTH} ký tự`,
    });
  }
  const yearMatch = /^(\d{4})\/(.*)$/su.exec(notation);
  const body = yearMatch ? yearMatch[2] : notation;
  if (body.includes('/')) {
    return invalid('notation', {
      en: `"${notation}" has more than one "/" after the number`,
      vi: `"${notation}" có nhiều hơn một dấu "/" sau số`,
    });
  }
  const segments = body.split('-');
  for (const segment of segments) {
    if (segment.length === 0) {
      return invalid('notation', {
        en: `"${notation}" has an empty part between "-" separators`,
        vi: `"${notation}" có nhóm chữ để trống giữa hai dấu "-"`,
      });
    }
    if (!SEGMENT.test(segment)) {
      return invalid('notation', {
        en: `"${segment}" in "${notation}" may only hold Vietnamese letters and digits`,
        vi: `nhóm "${segment}" trong "${notation}" chỉ được gồm chữ cái tiếng Việt và chữ số`,
      });
    }
  }
  const first = segments[0];
  const copyMark = COPY_MARKS.find((mark) => mark === first);
  const startsWithTypeOrCopy = copyMark !== undefined || !!findDocumentTypeByAbbreviation(first);
  if (startsWithTypeOrCopy && segments.length < 2) {
    return invalid('notation', {
      en: `"${notation}" lacks the issuing body's abbreviation after "${first}-"`,
      vi: `"${notation}" thiếu chữ viết tắt tên cơ quan, tổ chức ban hành sau "${first}-"`,
    });
  }
  return {
    ok: true,
    value: {
      number,
      sequence: Number(number),
      notation,
      ...(yearMatch ? { year: Number(yearMatch[1]) } : {}),
      segments,
      ...(copyMark ? { copyMark } : {}),
    },
  };
}

/** Parses `123/QĐ-TTg`; throws `NumberNotationInvalidError` (`NUMBER_NOTATION_INVALID`). */
export function parseNumberNotation(text: string): NumberNotation {
  const slash = text.indexOf('/');
  if (slash < 0) {
    throw new NumberNotationInvalidError('notation', {
      en: `"${text.trim()}" has no "/" between the number and the notation`,
      vi: `"${text.trim()}" thiếu dấu "/" giữa số và ký hiệu`,
    });
  }
  const check = checkNumberNotation(text.slice(0, slash), text.slice(slash + 1));
  if (!check.ok) throw check.error;
  return check.value;
}

export function formatNumberNotation(value: Pick<NumberNotation, 'number' | 'notation'>): string {
  return `${value.number}/${value.notation}`;
}

/**
 * The notation's type abbreviation must be the declared type's (`QĐ-…` for a Quyết định), and a
 * công văn has none. A copy mark (SY, TrS, SL) stands in for the type of any document.
 */
export function checkNotationMatchesType(
  value: NumberNotation,
  type: DocumentTypeDefinition,
): NotationTypeMismatchError | undefined {
  if (value.copyMark) return undefined;
  const first = value.segments[0];
  if (type.abbreviation === null) {
    const looksTyped = findDocumentTypeByAbbreviation(first);
    if (looksTyped && value.segments.length >= 2 && !ISSUERS_SPELLED_LIKE_A_TYPE.has(first)) {
      return new NotationTypeMismatchError({
        en: `Notation (ký hiệu) "${value.notation}" starts with "${first}" (${looksTyped.name}) but the document type is ${CONG_VAN.name}, whose notation has no type abbreviation`,
        vi: `Ký hiệu "${value.notation}" bắt đầu bằng "${first}" (${looksTyped.name}) nhưng loại văn bản là ${CONG_VAN.name}, ký hiệu của loại văn bản này không có chữ viết tắt tên loại`,
      });
    }
    return undefined;
  }
  if (first !== type.abbreviation) {
    return new NotationTypeMismatchError({
      en: `Notation (ký hiệu) "${value.notation}" must start with "${type.abbreviation}-" for a ${type.name}`,
      vi: `Ký hiệu của ${type.name} phải bắt đầu bằng "${type.abbreviation}-", không phải "${value.notation}"`,
    });
  }
  return undefined;
}

function findNumberProblem(number: string): BilingualText | undefined {
  if (number.length === 0) return { en: 'it is empty', vi: 'số để trống' };
  if (!/^[0-9]+$/.test(number)) {
    return {
      en: `"${number}" must contain only digits 0-9`,
      vi: `"${number}" chỉ được gồm chữ số 0-9`,
    };
  }
  if (number.length > NUMBER_MAX_DIGITS) {
    return {
      en: `"${number}" has more than ${NUMBER_MAX_DIGITS} digits`,
      vi: `"${number}" có nhiều hơn ${NUMBER_MAX_DIGITS} chữ số`,
    };
  }
  const value = Number(number);
  if (value === 0)
    return { en: `"${number}" must be 01 or more`, vi: `"${number}" phải từ 01 trở lên` };
  if (value < 10 && number.length !== 2) {
    return {
      en: `"${number}" must be written with two digits below 10 (0${value})`,
      vi: `số nhỏ hơn 10 phải ghi bằng hai chữ số (0${value}), không phải "${number}"`,
    };
  }
  if (value >= 10 && number.startsWith('0')) {
    return {
      en: `"${number}" must not have a leading zero from 10 on (${value})`,
      vi: `số từ 10 trở lên không ghi số 0 ở đầu (${value}), không phải "${number}"`,
    };
  }
  return undefined;
}

function invalid(part: 'number' | 'notation', reason: BilingualText): NumberNotationCheck {
  return { ok: false, error: new NumberNotationInvalidError(part, reason) };
}

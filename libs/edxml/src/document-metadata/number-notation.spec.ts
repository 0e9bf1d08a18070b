import { CONG_VAN, findDocumentTypeByName, type DocumentTypeDefinition } from './document-types';
import { NotationTypeMismatchError } from './notation-type-mismatch.error';
import { NumberNotationInvalidError } from './number-notation-invalid.error';
import {
  checkNotationMatchesType,
  checkNumberNotation,
  formatNumberNotation,
  parseNumberNotation,
} from './number-notation';

function typeNamed(name: string): DocumentTypeDefinition {
  const type = findDocumentTypeByName(name);
  if (!type) throw new Error(`no type ${name}`);
  return type;
}

function refusal(text: string): NumberNotationInvalidError {
  try {
    parseNumberNotation(text);
  } catch (error) {
    expect(error).toBeInstanceOf(NumberNotationInvalidError);
    expect((error as NumberNotationInvalidError).code).toBe('NUMBER_NOTATION_INVALID');
    return error as NumberNotationInvalidError;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('number and notation (số, ký hiệu)', () => {
  it('parses a decision and an official letter', () => {
    expect(parseNumberNotation('123/QĐ-TTg')).toEqual({
      number: '123',
      sequence: 123,
      notation: 'QĐ-TTg',
      segments: ['QĐ', 'TTg'],
    });
    expect(parseNumberNotation('7816/VPCP-TTĐT')).toEqual({
      number: '7816',
      sequence: 7816,
      notation: 'VPCP-TTĐT',
      segments: ['VPCP', 'TTĐT'],
    });
    expect(parseNumberNotation('05/VPCP-KSTT').sequence).toBe(5);
  });

  it('reads the year of a normative document and copy marks', () => {
    expect(parseNumberNotation('20/2020/QĐ-TTg')).toMatchObject({
      number: '20',
      year: 2020,
      notation: '2020/QĐ-TTg',
      segments: ['QĐ', 'TTg'],
    });
    expect(parseNumberNotation('12/SY-VPCP').copyMark).toBe('SY');
    expect(parseNumberNotation('03/TrS-UBND').copyMark).toBe('TrS');
    expect(parseNumberNotation('04/SL-UBND').copyMark).toBe('SL');
  });

  it('normalizes the notation to NFC', () => {
    expect(parseNumberNotation('123/QĐ-TTg'.normalize('NFD')).notation).toBe('QĐ-TTg');
  });

  it.each([
    ['5/QĐ-TTg', 'number', 'two digits below 10 (05)'],
    ['005/QĐ-TTg', 'number', 'two digits below 10'],
    ['010/QĐ-TTg', 'number', 'must not have a leading zero from 10 on (10)'],
    ['00/QĐ-TTg', 'number', 'must be 01 or more'],
    ['/QĐ-TTg', 'number', 'it is empty'],
    ['12a/QĐ-TTg', 'number', 'only digits'],
    ['١٢/QĐ-TTg', 'number', 'only digits'],
    ['12345678/QĐ-TTg', 'number', 'more than 7 digits'],
    ['123', 'notation', 'no "/"'],
    ['123/', 'notation', 'it is empty'],
    ['123/QĐ--TTg', 'notation', 'empty part'],
    ['123/QĐ-TTg-', 'notation', 'empty part'],
    ['123/QĐ TTg', 'notation', 'may only hold Vietnamese letters and digits'],
    ['123/QĐ-TTg/2020', 'notation', 'more than one "/"'],
    ['123/QĐ', 'notation', 'lacks the issuing body'],
    ['123/SY', 'notation', 'lacks the issuing body'],
    [`123/${'A'.repeat(51)}`, 'notation', 'longer than 50'],
  ])('refuses %j in the %s', (text, part, reasonPart) => {
    const error = refusal(text);
    expect(error.part).toBe(part);
    expect(error.message).toContain(reasonPart);
  });

  it('checks the parts separately as edXML carries them', () => {
    const check = checkNumberNotation('7', 'VPCP-TTĐT');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error.message).toBe(
      'Number (số) is invalid: "7" must be written with two digits below 10 (07)',
    );
    expect(!check.ok && check.error.messageVi).toBe(
      'Số của văn bản không đúng quy định: số nhỏ hơn 10 phải ghi bằng hai chữ số (07), không phải "7".',
    );
  });

  it('formats back', () => {
    expect(formatNumberNotation(parseNumberNotation('7816/VPCP-TTĐT'))).toBe('7816/VPCP-TTĐT');
  });

  describe('notation against the declared type', () => {
    it('accepts matching abbreviations and a công văn without one', () => {
      expect(
        checkNotationMatchesType(parseNumberNotation('123/QĐ-TTg'), typeNamed('Quyết định')),
      ).toBeUndefined();
      expect(
        checkNotationMatchesType(parseNumberNotation('45/QyĐ-BNV'), typeNamed('Quy định')),
      ).toBeUndefined();
      expect(
        checkNotationMatchesType(parseNumberNotation('7816/VPCP-TTĐT'), CONG_VAN),
      ).toBeUndefined();
      expect(
        checkNotationMatchesType(parseNumberNotation('12/SY-VPCP'), typeNamed('Quyết định')),
      ).toBeUndefined();
    });

    it('accepts a tax department letter whose issuer is spelled like Chỉ thị', () => {
      expect(
        checkNotationMatchesType(parseNumberNotation('1234/CT-TTHT'), CONG_VAN),
      ).toBeUndefined();
    });

    it('refuses another type abbreviation', () => {
      const error = checkNotationMatchesType(
        parseNumberNotation('45/QyĐ-BNV'),
        typeNamed('Quyết định'),
      );
      expect(error).toBeInstanceOf(NotationTypeMismatchError);
      expect(error?.code).toBe('NOTATION_TYPE_MISMATCH');
      expect(error?.message).toBe(
        'Notation (ký hiệu) "QyĐ-BNV" must start with "QĐ-" for a Quyết định',
      );
    });

    it('refuses a type abbreviation on a công văn', () => {
      const error = checkNotationMatchesType(parseNumberNotation('123/QĐ-TTg'), CONG_VAN);
      expect(error?.code).toBe('NOTATION_TYPE_MISMATCH');
      expect(error?.message).toContain('has no type abbreviation');
    });

    it('refuses a decision numbered like a công văn', () => {
      const error = checkNotationMatchesType(
        parseNumberNotation('7816/VPCP-TTĐT'),
        typeNamed('Quyết định'),
      );
      expect(error?.code).toBe('NOTATION_TYPE_MISMATCH');
    });
  });
});

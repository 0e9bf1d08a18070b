import {
  EDXML_STATUS_CODES,
  edxmlStatusDefinition,
  normalizeEdxmlStatusCode,
} from './edxml-status-codes';
import { businessDocTypeFromCode, codeOfBusinessDocType } from './business-doc-types';

describe('edXML status codes', () => {
  it('pins the table of the domain README', () => {
    expect(EDXML_STATUS_CODES.map((status) => [status.code, status.vietnameseName])).toEqual([
      ['01', 'Đã đến'],
      ['02', 'Từ chối tiếp nhận'],
      ['03', 'Đã tiếp nhận'],
      ['04', 'Phân công'],
      ['05', 'Đang xử lý'],
      ['06', 'Hoàn thành'],
      ['13', 'Lấy lại'],
      ['15', 'Đồng ý lấy lại / cập nhật'],
      ['16', 'Từ chối lấy lại / cập nhật'],
    ]);
    expect(edxmlStatusDefinition('02').meaning).toBe('refused; reason in Description');
    // The CLI's --lang en names them so: the API's `name` is Vietnamese only.
    expect(edxmlStatusDefinition('02').englishName).toBe('Refused');
    for (const status of EDXML_STATUS_CODES) expect(status.englishName).toMatch(/^[A-Z][a-z ]+$/);
  });

  it('normalizes 14 to 15 and refuses unknown codes', () => {
    expect(normalizeEdxmlStatusCode('14')).toBe('15');
    expect(normalizeEdxmlStatusCode(' 03 ')).toBe('03');
    for (const unknown of ['1', '07', '12', '17', '', 'constructor']) {
      expect(normalizeEdxmlStatusCode(unknown)).toBeUndefined();
    }
  });
});

describe('business document types', () => {
  it('maps 0 new, 1 recall, 2 update, 3 replace both ways', () => {
    expect(['0', '1', '2', '3'].map(businessDocTypeFromCode)).toEqual([
      'new',
      'recall',
      'update',
      'replace',
    ]);
    expect(codeOfBusinessDocType('replace')).toBe('3');
    expect(businessDocTypeFromCode('4')).toBeUndefined();
  });
});

import {
  CONG_VAN,
  DOCUMENT_TYPES,
  findDocumentTypeByAbbreviation,
  findDocumentTypeByCode,
  findDocumentTypeByName,
} from './document-types';

describe('document types (NĐ 30/2020, edXML DocumentType)', () => {
  it('pins the table: names, abbreviations and the edXML codes known so far', () => {
    expect(
      DOCUMENT_TYPES.map((type) => [type.name, type.abbreviation, type.edxmlTypeCode]),
    ).toEqual([
      ['Công văn', null, 1],
      ['Nghị quyết', 'NQ', null],
      ['Quyết định', 'QĐ', null],
      ['Chỉ thị', 'CT', null],
      ['Quy chế', 'QC', null],
      ['Quy định', 'QyĐ', null],
      ['Thông cáo', 'TC', null],
      ['Thông báo', 'TB', null],
      ['Hướng dẫn', 'HD', null],
      ['Chương trình', 'CTr', null],
      ['Kế hoạch', 'KH', null],
      ['Phương án', 'PA', null],
      ['Đề án', 'ĐA', null],
      ['Dự án', 'DA', null],
      ['Báo cáo', 'BC', null],
      ['Biên bản', 'BB', null],
      ['Tờ trình', 'TTr', null],
      ['Hợp đồng', 'HĐ', null],
      ['Công điện', 'CĐ', null],
      ['Bản ghi nhớ', 'BGN', null],
      ['Bản thỏa thuận', 'BTT', null],
      ['Giấy ủy quyền', 'GUQ', null],
      ['Giấy mời', 'GM', null],
      ['Giấy giới thiệu', 'GGT', null],
      ['Giấy nghỉ phép', 'GNP', null],
      ['Phiếu gửi', 'PG', null],
      ['Phiếu chuyển', 'PC', null],
      ['Phiếu báo', 'PB', null],
    ]);
  });

  it('keeps names, abbreviations and codes unique and in NFC', () => {
    const names = DOCUMENT_TYPES.map((type) => type.name);
    const abbreviations = DOCUMENT_TYPES.flatMap((type) => type.abbreviation ?? []);
    const codes = DOCUMENT_TYPES.flatMap((type) => type.edxmlTypeCode ?? []);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(abbreviations).size).toBe(abbreviations.length);
    expect(new Set(codes).size).toBe(codes.length);
    for (const text of [...names, ...abbreviations]) expect(text).toBe(text.normalize('NFC'));
  });

  it('finds Công văn by code 1 and it has no abbreviation', () => {
    expect(findDocumentTypeByCode(1)).toBe(CONG_VAN);
    expect(CONG_VAN.abbreviation).toBeNull();
    expect(findDocumentTypeByCode(999)).toBeUndefined();
  });

  it('finds a type by name ignoring case, spacing and normalization form', () => {
    expect(findDocumentTypeByName('CÔNG VĂN')).toBe(CONG_VAN);
    expect(findDocumentTypeByName(' Quyết  định ')?.abbreviation).toBe('QĐ');
    expect(findDocumentTypeByName('Quyết định'.normalize('NFD'))?.abbreviation).toBe('QĐ');
    expect(findDocumentTypeByName('Thư điện tử')).toBeUndefined();
  });

  it('finds a type by its exact abbreviation', () => {
    expect(findDocumentTypeByAbbreviation('QyĐ')?.name).toBe('Quy định');
    expect(findDocumentTypeByAbbreviation('QĐ')?.name).toBe('Quyết định');
    expect(findDocumentTypeByAbbreviation('qđ')).toBeUndefined();
  });
});

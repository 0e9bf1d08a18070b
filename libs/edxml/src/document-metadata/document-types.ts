/**
 * Document types of NĐ 30/2020/NĐ-CP (Appendix III) with their abbreviations, and the integer
 * `DocumentType/Type` code edXML packets carry.
 *
 * [check] Only `1` = Công văn is confirmed (it appears in every public SDK sample packet); the
 * other edXML codes are not published in the material we have, so they are `null` here and the
 * validator accepts any code for those types. Fill them in this one table once confirmed against
 * QCVN 102:2016/BTTTT; `document-types.spec.ts` pins the table.
 */
export interface DocumentTypeDefinition {
  /** Vietnamese name as printed on the document (NFC). */
  readonly name: string;
  /** Abbreviation used in the notation (`QĐ` in `123/QĐ-TTg`); `null` for Công văn. */
  readonly abbreviation: string | null;
  /** edXML `DocumentType/Type` integer, `null` while unconfirmed [check]. */
  readonly edxmlTypeCode: number | null;
}

export const DOCUMENT_TYPES: readonly DocumentTypeDefinition[] = [
  { name: 'Công văn', abbreviation: null, edxmlTypeCode: 1 },
  { name: 'Nghị quyết', abbreviation: 'NQ', edxmlTypeCode: null },
  { name: 'Quyết định', abbreviation: 'QĐ', edxmlTypeCode: null },
  { name: 'Chỉ thị', abbreviation: 'CT', edxmlTypeCode: null },
  { name: 'Quy chế', abbreviation: 'QC', edxmlTypeCode: null },
  { name: 'Quy định', abbreviation: 'QyĐ', edxmlTypeCode: null },
  { name: 'Thông cáo', abbreviation: 'TC', edxmlTypeCode: null },
  { name: 'Thông báo', abbreviation: 'TB', edxmlTypeCode: null },
  { name: 'Hướng dẫn', abbreviation: 'HD', edxmlTypeCode: null },
  { name: 'Chương trình', abbreviation: 'CTr', edxmlTypeCode: null },
  { name: 'Kế hoạch', abbreviation: 'KH', edxmlTypeCode: null },
  { name: 'Phương án', abbreviation: 'PA', edxmlTypeCode: null },
  { name: 'Đề án', abbreviation: 'ĐA', edxmlTypeCode: null },
  { name: 'Dự án', abbreviation: 'DA', edxmlTypeCode: null },
  { name: 'Báo cáo', abbreviation: 'BC', edxmlTypeCode: null },
  { name: 'Biên bản', abbreviation: 'BB', edxmlTypeCode: null },
  { name: 'Tờ trình', abbreviation: 'TTr', edxmlTypeCode: null },
  { name: 'Hợp đồng', abbreviation: 'HĐ', edxmlTypeCode: null },
  { name: 'Công điện', abbreviation: 'CĐ', edxmlTypeCode: null },
  { name: 'Bản ghi nhớ', abbreviation: 'BGN', edxmlTypeCode: null },
  { name: 'Bản thỏa thuận', abbreviation: 'BTT', edxmlTypeCode: null },
  { name: 'Giấy ủy quyền', abbreviation: 'GUQ', edxmlTypeCode: null },
  { name: 'Giấy mời', abbreviation: 'GM', edxmlTypeCode: null },
  { name: 'Giấy giới thiệu', abbreviation: 'GGT', edxmlTypeCode: null },
  { name: 'Giấy nghỉ phép', abbreviation: 'GNP', edxmlTypeCode: null },
  { name: 'Phiếu gửi', abbreviation: 'PG', edxmlTypeCode: null },
  { name: 'Phiếu chuyển', abbreviation: 'PC', edxmlTypeCode: null },
  { name: 'Phiếu báo', abbreviation: 'PB', edxmlTypeCode: null },
];

export const CONG_VAN: DocumentTypeDefinition = DOCUMENT_TYPES[0];

/**
 * The table's names in comparable form, computed once: every submitted envelope looks one up.
 * Built from the end so that, as a search from the start would, the first entry of a name wins.
 */
const BY_COMPARABLE_NAME = new Map(
  [...DOCUMENT_TYPES].reverse().map((type) => [comparable(type.name), type] as const),
);

/** Case-insensitive, Unicode-normalized lookup by Vietnamese name ("CÔNG VĂN" finds Công văn). */
export function findDocumentTypeByName(name: string): DocumentTypeDefinition | undefined {
  return BY_COMPARABLE_NAME.get(comparable(name));
}

export function findDocumentTypeByCode(code: number): DocumentTypeDefinition | undefined {
  return DOCUMENT_TYPES.find((type) => type.edxmlTypeCode === code);
}

/** Exact, case-sensitive: `QyĐ` (Quy định) and `QĐ` (Quyết định) differ only by letters. */
export function findDocumentTypeByAbbreviation(
  abbreviation: string,
): DocumentTypeDefinition | undefined {
  const wanted = abbreviation.normalize('NFC');
  return DOCUMENT_TYPES.find((type) => type.abbreviation === wanted);
}

function comparable(text: string): string {
  // Older texts place the tone mark differently ("Hoả" vs "Hỏa"): NFC does not merge those, so
  // names are matched as written in NĐ 30/2020, only case and normalization form are ignored.
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

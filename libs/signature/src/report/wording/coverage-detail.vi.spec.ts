import {
  coverageDetail,
  type CoverageDetailCode,
  type CoverageDetailParams,
} from '../coverage-detail';
import { COVERAGE_DETAIL_EN, coverageDetailEn } from './coverage-detail.en';
import { COVERAGE_DETAIL_VI, coverageDetailVi, coverageDetailsVi } from './coverage-detail.vi';

/** Parameters for every code: a code added without an example here does not compile. */
const EXAMPLES: { [C in CoverageDetailCode]: CoverageDetailParams[C] } = {
  SIGNS_REVISION: { revision: 2, revisions: 4, signedLength: 19786, fileLength: 38396 },
  SIGNED_RANGE_NOT_AT_REVISION_END: { signedLength: 1200 },
  SIGNED_REVISION_UNREADABLE: { detail: 'Failed to parse PDF document' },
  OBJECT_REMOVED: { object: '12 0 R' },
  OBJECT_MALFORMED: { object: '12 0 R' },
  OBJECT_CHANGED: { object: '12 0 R', kind: 'dictionary /Page' },
  OBJECTS_ADDED: { count: 3 },
  DOCMDP_NO_CHANGES: {},
  DOCMDP_NO_ANNOTATIONS: {},
  CATALOG_MISSING: {},
  CATALOG_ENTRY_UPDATED: { key: 'Extensions' },
  CATALOG_ENTRY_CHANGED: { key: 'OpenAction' },
  DSS_ADDED_OR_UPDATED: {},
  VALIDATION_DATA_UPDATED: { label: 'DSS' },
  XMP_METADATA_REPLACED: {},
  XMP_METADATA_UPDATED: {},
  INFO_DICTIONARY_UPDATED: {},
  INFO_DICTIONARY_REPLACED: {},
  ACROFORM_REMOVED: {},
  ACROFORM_ENTRY_CHANGED: { key: 'NeedAppearances' },
  FORM_FIELDS_REMOVED: {},
  FORM_FIELD_ADDED_NOT_A_DICTIONARY: {},
  SIGNATURE_FIELD_ADDED: { name: 'Signature2' },
  FORM_FIELD_ADDED: { name: 'Ghi chú' },
  FORM_FIELD_ENTRY_CHANGED: { name: 'Ghi chú', key: 'V' },
  EMPTY_SIGNATURE_FIELD_SIGNED: { name: 'Approval' },
  PAGE_TREE_CHANGED: { pagesWhenSigned: 2, pagesNow: 1 },
  PAGE_ENTRY_CHANGED: { page: 1, key: 'Contents' },
  ANNOTATIONS_REMOVED: { page: 1 },
  ANNOTATION_ADDED_NOT_A_DICTIONARY: { page: 1 },
  SIGNATURE_WIDGET_ADDED: { page: 1 },
  ANNOTATION_ADDED: { page: 1, subtype: 'Text' },
  XREF_NO_STARTXREF: { revisionEnd: 30000 },
  XREF_INSIDE_SIGNED_BYTES: { revisionEnd: 30000, offset: 900 },
  XREF_PREV_MISMATCH: { offset: 30000, prev: null, expected: 19000 },
  XREF_SECTION_UNREADABLE: { detail: 'no xref keyword' },
  XREF_OTHER_CATALOG: {},
  XREF_ENTRY_UNFOLLOWABLE: { object: 7, detail: 'offset out of range' },
  XREF_SIGNED_OBJECT_FREED: { object: 7 },
  XREF_OTHER_DEFINITION: { object: 7 },
  XREF_OBJECT_STREAM_OTHER_DEFINITION: { object: 7 },
  XREF_CHANGED_IN_SIGNED_OBJECT_STREAM: { object: 7, objectStream: 3 },
};
const CODES = Object.keys(EXAMPLES) as CoverageDetailCode[];
const example = (code: CoverageDetailCode) => coverageDetail(code, EXAMPLES[code]);

describe('coverage lines in Vietnamese and English', () => {
  it('words every code in both languages, and no other', () => {
    expect(Object.keys(COVERAGE_DETAIL_VI).sort()).toEqual([...CODES].sort());
    expect(Object.keys(COVERAGE_DETAIL_EN).sort()).toEqual([...CODES].sort());
  });

  it.each(CODES)('words %s in Vietnamese, without English', (code) => {
    const text = coverageDetailVi(example(code));
    expect(text).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    // A parser's English detail is left to the English report.
    expect(text).not.toMatch(/Failed|xref keyword|out of range/);
    expect(text).not.toMatch(
      /(?<![-\w/])(the|is|was|added|changed|removed|signature|object)(?![-\w])/i,
    );
    expect(coverageDetailEn(example(code))).toMatch(/[a-z]/);
  });

  it('words the lines of a report from their data, and keeps the English of an older report', () => {
    const explanations = [example('SIGNS_REVISION'), example('OBJECTS_ADDED')];
    const details = explanations.map(coverageDetailEn);
    expect(details).toEqual([
      'signs revision 2 of 4 (bytes 0–19786 of 38396)',
      '3 object(s) added',
    ]);
    const coverage = {
      byteRange: [0, 1, 2, 3] as [number, number, number, number],
      coversWholeFile: false,
      modificationsAfterSigning: 'allowed' as const,
      details,
    };
    expect(coverageDetailsVi({ ...coverage, explanations })).toEqual([
      'Ký bản sửa đổi thứ 2/4 của tệp (byte 0–19786 trong tổng số 38396 byte)',
      '3 đối tượng được thêm',
    ]);
    expect(coverageDetailsVi(coverage)).toEqual(details);
  });
});

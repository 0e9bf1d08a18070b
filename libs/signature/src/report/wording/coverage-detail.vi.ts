import type { CoverageSummary } from '../document-verification-report';
import {
  wordCoverageDetail,
  type CoverageDetail,
  type CoverageDetailWording,
} from '../coverage-detail';

/** A parser's own explanation is English only; the Vietnamese says where to find it. */
const TECHNICAL_DETAIL = '(chi tiết kỹ thuật có trong báo cáo tiếng Anh)';

/** The Vietnamese of each coverage line: what a signature signs and what changed after it. */
export const COVERAGE_DETAIL_VI: CoverageDetailWording = {
  SIGNS_REVISION: (p) =>
    `Ký bản sửa đổi thứ ${p.revision}/${p.revisions} của tệp (byte 0–${p.signedLength} trong tổng số ${p.fileLength} byte)`,
  SIGNED_RANGE_NOT_AT_REVISION_END: (p) =>
    `Vùng được ký kết thúc ở byte ${p.signedLength}, không phải ở cuối một bản sửa đổi`,
  SIGNED_REVISION_UNREADABLE: () =>
    `Không đọc được bản sửa đổi đã ký để so sánh ${TECHNICAL_DETAIL}`,
  OBJECT_REMOVED: (p) => `Đối tượng ${p.object} đã bị xóa`,
  OBJECT_MALFORMED: (p) => `Đối tượng ${p.object} được ghi sau khi ký bị lỗi định dạng`,
  OBJECT_CHANGED: (p) => `Đối tượng ${p.object} (${p.kind}) đã bị thay đổi`,
  OBJECTS_ADDED: (p) => `${p.count} đối tượng được thêm`,
  DOCMDP_NO_CHANGES: () =>
    'Chữ ký chứng nhận tài liệu với DocMDP P=1: không được phép thay đổi bất kỳ nội dung nào',
  DOCMDP_NO_ANNOTATIONS: () =>
    'Chữ ký chứng nhận tài liệu với DocMDP P=2: không được phép thêm chú thích',
  CATALOG_MISSING: () => 'Thiếu từ điển gốc của tài liệu (Catalog)',
  CATALOG_ENTRY_UPDATED: (p) => `Mục /${p.key} của từ điển gốc tài liệu (Catalog) được cập nhật`,
  CATALOG_ENTRY_CHANGED: (p) => `Mục /${p.key} của từ điển gốc tài liệu (Catalog) đã bị thay đổi`,
  DSS_ADDED_OR_UPDATED: () => 'Dữ liệu phục vụ kiểm tra hiệu lực (DSS) được thêm hoặc cập nhật',
  VALIDATION_DATA_UPDATED: (p) => `Dữ liệu phục vụ kiểm tra hiệu lực (${p.label}) được cập nhật`,
  XMP_METADATA_REPLACED: () => 'Siêu dữ liệu XMP được thay thế',
  XMP_METADATA_UPDATED: () => 'Siêu dữ liệu XMP được cập nhật',
  INFO_DICTIONARY_UPDATED: () => 'Từ điển thông tin tài liệu (Info) được cập nhật',
  INFO_DICTIONARY_REPLACED: () => 'Từ điển thông tin tài liệu (Info) được thay thế',
  ACROFORM_REMOVED: () => 'Biểu mẫu tương tác (AcroForm) đã bị xóa',
  ACROFORM_ENTRY_CHANGED: (p) => `Mục /${p.key} của biểu mẫu tương tác (AcroForm) đã bị thay đổi`,
  FORM_FIELDS_REMOVED: () => 'Các trường biểu mẫu có từ khi ký đã bị xóa',
  FORM_FIELD_ADDED_NOT_A_DICTIONARY: () =>
    'Một trường biểu mẫu được thêm sau khi ký không phải là từ điển (thiếu hoặc lỗi định dạng)',
  SIGNATURE_FIELD_ADDED: (p) => `Trường chữ ký "${p.name}" được thêm`,
  FORM_FIELD_ADDED: (p) => `Trường biểu mẫu "${p.name}" được thêm`,
  FORM_FIELD_ENTRY_CHANGED: (p) => `Trường biểu mẫu "${p.name}": mục /${p.key} đã bị thay đổi`,
  EMPTY_SIGNATURE_FIELD_SIGNED: (p) => `Trường chữ ký trống "${p.name}" đã được ký`,
  PAGE_TREE_CHANGED: (p) =>
    `Cây trang đã bị thay đổi (${p.pagesWhenSigned} trang khi ký, nay còn ${p.pagesNow} trang)`,
  PAGE_ENTRY_CHANGED: (p) => `Trang ${p.page}: mục /${p.key} đã bị thay đổi`,
  ANNOTATIONS_REMOVED: (p) => `Trang ${p.page}: các chú thích có từ khi ký đã bị xóa`,
  ANNOTATION_ADDED_NOT_A_DICTIONARY: (p) =>
    `Trang ${p.page}: một chú thích được thêm sau khi ký không phải là từ điển (thiếu hoặc lỗi định dạng)`,
  SIGNATURE_WIDGET_ADDED: (p) => `Trang ${p.page}: ô hiển thị chữ ký được thêm`,
  ANNOTATION_ADDED: (p) => `Trang ${p.page}: chú thích /${p.subtype} được thêm`,
  XREF_NO_STARTXREF: (p) => `Bản sửa đổi kết thúc ở byte ${p.revisionEnd} không có startxref`,
  XREF_INSIDE_SIGNED_BYTES: (p) =>
    `Bản sửa đổi kết thúc ở byte ${p.revisionEnd} trỏ bảng tham chiếu chéo tới vị trí ${p.offset}, nằm trong vùng đã ký`,
  XREF_PREV_MISMATCH: (p) =>
    `Bảng tham chiếu chéo tại vị trí ${p.offset} ${p.prev === null ? 'không nối tiếp bảng nào' : `nối tiếp vị trí ${p.prev}`}, không phải bảng liền trước tại vị trí ${p.expected}`,
  XREF_SECTION_UNREADABLE: () =>
    `Không đọc được một bảng tham chiếu chéo của bản sửa đổi sau ${TECHNICAL_DETAIL}`,
  XREF_OTHER_CATALOG: () =>
    'Phần trailer cuối cùng chỉ tới một từ điển gốc tài liệu khác với từ điển đã được so sánh',
  XREF_ENTRY_UNFOLLOWABLE: (p) =>
    `Đối tượng ${p.object}: không lần theo được mục tham chiếu chéo của đối tượng ${TECHNICAL_DETAIL}`,
  XREF_SIGNED_OBJECT_FREED: (p) =>
    `Đối tượng ${p.object} có từ khi ký bị một bản sửa đổi sau đánh dấu là đã giải phóng`,
  XREF_OTHER_DEFINITION: (p) =>
    `Đối tượng ${p.object}: bảng tham chiếu chéo trỏ tới một định nghĩa khác với định nghĩa đã được so sánh`,
  XREF_OBJECT_STREAM_OTHER_DEFINITION: (p) =>
    `Đối tượng ${p.object}: luồng đối tượng chứa một định nghĩa khác với định nghĩa đã được so sánh`,
  XREF_CHANGED_IN_SIGNED_OBJECT_STREAM: (p) =>
    `Đối tượng ${p.object} đã bị thay đổi nhưng bảng tham chiếu chéo vẫn đặt nó trong luồng đối tượng ${p.objectStream} của bản sửa đổi đã ký`,
};

export function coverageDetailVi(detail: CoverageDetail): string {
  return wordCoverageDetail(detail, COVERAGE_DETAIL_VI);
}

/**
 * A signature's coverage lines in Vietnamese, from their data; a report stored before the data
 * was recorded keeps its English lines.
 */
export function coverageDetailsVi(coverage: CoverageSummary): string[] {
  const { details, explanations } = coverage;
  return explanations?.length === details.length ? explanations.map(coverageDetailVi) : details;
}

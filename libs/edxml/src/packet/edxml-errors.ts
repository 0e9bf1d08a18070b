import type { BilingualText } from '@docaxis/errors/domain-error';
import {
  InvalidInputError,
  PayloadTooLargeError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';

/** Not well-formed XML, a non-UTF-8 encoding, an undefined entity, more than one root. */
export class EdxmlMalformedError extends InvalidInputError {
  constructor(reason: BilingualText) {
    super('EDXML_MALFORMED', `edXML packet is not well-formed XML: ${reason.en}`, undefined, {
      vi: `Gói tin edXML không phải là XML đúng cú pháp: ${reason.vi}.`,
    });
  }
}

/** Any DOCTYPE or ENTITY declaration: the door to XXE and entity-expansion ("billion laughs"). */
export class EdxmlDoctypeForbiddenError extends InvalidInputError {
  constructor() {
    super(
      'EDXML_DOCTYPE_FORBIDDEN',
      'edXML packet must not contain a DOCTYPE or ENTITY declaration (refused before parsing)',
      undefined,
      {
        vi: 'Gói tin edXML không được chứa khai báo DOCTYPE hoặc ENTITY (bị từ chối trước khi phân tích).',
      },
    );
  }
}

export class EdxmlTooLargeError extends PayloadTooLargeError {
  constructor(size: number, maxBytes: number) {
    super(
      'EDXML_TOO_LARGE',
      `edXML packet has ${size} bytes, more than the ${maxBytes} allowed`,
      { size, maxBytes },
      { vi: `Gói tin edXML có dung lượng ${size} byte, vượt mức tối đa ${maxBytes} byte.` },
    );
  }
}

/**
 * More XML than an edXML packet's metadata ever needs once its long base64 runs are set aside:
 * the parser walks the rest character by character, so this bounds the time one packet may take.
 */
export class EdxmlMarkupTooLargeError extends PayloadTooLargeError {
  constructor(size: number, maxMarkupBytes: number) {
    super(
      'EDXML_MARKUP_TOO_LARGE',
      `edXML packet has ${size} bytes of XML outside its base64 attachments, more than the ${maxMarkupBytes} allowed`,
      { size, maxMarkupBytes },
      {
        vi: `Gói tin edXML có ${size} byte XML ngoài phần tệp đính kèm mã base64, vượt mức tối đa ${maxMarkupBytes} byte.`,
      },
    );
  }
}

export class EdxmlTooDeepError extends InvalidInputError {
  constructor(maxDepth: number) {
    super(
      'EDXML_TOO_DEEP',
      `edXML packet nests elements deeper than ${maxDepth} levels`,
      { maxDepth },
      { vi: `Gói tin edXML có các phần tử lồng nhau sâu quá ${maxDepth} cấp.` },
    );
  }
}

export class EdxmlNamespaceInvalidError extends InvalidInputError {
  constructor(reason: BilingualText) {
    super(
      'EDXML_NAMESPACE_INVALID',
      `edXML packet is not in the namespace http://www.mic.gov.vn/TBT/QCVN_102_2016: ${reason.en}`,
      undefined,
      {
        vi: `Gói tin edXML không thuộc không gian tên http://www.mic.gov.vn/TBT/QCVN_102_2016: ${reason.vi}.`,
      },
    );
  }
}

/** A zipped attachment (`application/zip`) docaxis cannot take its one file from. */
export class EdxmlZipInvalidError extends InvalidInputError {
  constructor(reason: BilingualText) {
    super('EDXML_ZIP_INVALID', `edXML zipped attachment is not usable: ${reason.en}`, undefined, {
      vi: `Tệp đính kèm nén (zip) của gói tin edXML không dùng được: ${reason.vi}.`,
    });
  }
}

/**
 * A status packet with document content: an `edXMLBody` or `AttachmentEncoded` that is not empty.
 * A status packet has no body (QCVN 102); what it carried would be dropped unseen, so a document
 * sent this way is refused rather than lost. Empty elements carry nothing and are read as absent.
 */
export class EdxmlStatusBodyForbiddenError extends UnprocessableError {
  constructor(elements: readonly string[]) {
    super(
      'EDXML_STATUS_BODY_FORBIDDEN',
      `edXML status packet must not carry document content, but it has ${elements.join(' and ')}: a status packet has no body (QCVN 102:2016); send the document as a dispatch.`,
      { elements: [...elements] },
      {
        vi: `Gói tin trạng thái edXML không được mang nội dung văn bản, nhưng gói tin có ${elements.join(' và ')}: gói tin trạng thái không có phần thân (QCVN 102:2016/BTTTT); văn bản cần gửi thì gửi thành văn bản điện tử.`,
      },
    );
  }
}

/** Codes of the problems an `EdxmlStructureError` lists. */
export type EdxmlIssueCode =
  | 'ROOT_INVALID'
  | 'ELEMENT_MISSING'
  | 'ELEMENT_REPEATED'
  | 'ELEMENT_UNEXPECTED'
  | 'VALUE_INVALID'
  | 'VALUE_TOO_LONG'
  | 'AGENCY_CODE_INVALID'
  | 'DATE_INVALID'
  | 'DOCUMENT_ID_MISMATCH'
  | 'TIMESTAMP_INVALID'
  | 'STATUS_CODE_UNKNOWN'
  | 'BUSINESS_DOC_TYPE_UNKNOWN'
  | 'BASE64_INVALID';

export interface EdxmlIssue {
  /** Element path from the packet's header or root, e.g. `MessageHeader/To[2]/OrganId`. */
  readonly path: string;
  readonly code: EdxmlIssueCode;
  readonly message: string;
}

/** Well-formed XML in the right namespace that does not follow QCVN 102:2016's structure. */
export class EdxmlStructureError extends InvalidInputError {
  readonly issues: readonly EdxmlIssue[];

  constructor(issues: readonly EdxmlIssue[]) {
    super(
      'EDXML_STRUCTURE_INVALID',
      `edXML packet does not follow QCVN 102:2016: ${issues.map((issue) => issue.message).join('; ')}`,
      { issues },
      {
        vi: `Gói tin edXML không đúng cấu trúc theo QCVN 102:2016/BTTTT (${issues.length} lỗi); các phần tử cần sửa: ${[...new Set(issues.map((issue) => issue.path))].join(', ')} (xem chi tiết tại details.issues).`,
      },
    );
    this.issues = issues;
  }
}

/**
 * A TraceHeaderList naming more systems than any real path between two agencies passes (sender,
 * a ministry's or province's own axis, the national axis...): the axis keeps and serves back
 * what it receives, so it refuses an absurd list rather than carry it on.
 */
export class EdxmlTraceTooLongError extends UnprocessableError {
  constructor(count: number, maxEntries: number) {
    super(
      'EDXML_TRACE_TOO_LONG',
      `edXML packet's TraceHeaderList has ${count} TraceHeader entries, more than the ${maxEntries} the axis keeps`,
      { count, maxEntries },
      {
        vi: `TraceHeaderList của gói tin edXML có ${count} mục TraceHeader, vượt mức tối đa ${maxEntries} mục trục liên thông lưu giữ.`,
      },
    );
  }
}

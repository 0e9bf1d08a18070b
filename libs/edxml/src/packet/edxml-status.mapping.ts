import { dateToEdxmlTimestamp, edxmlTimestampToDate, isoDateToEdxml } from '../dates/edxml-dates';
import type { EdxmlOrganization, EdxmlStatus } from './edxml-packet';
import type { EdxmlStatusCode } from './edxml-status-codes';
import { type StaffFields, staffFieldsOf } from './staff-fields';

/** A status notice in docaxis' terms: what an edXML status packet says, without the packet. */
export interface StatusNoticeFields {
  code: EdxmlStatusCode;
  /** edXML `Description`. */
  reason: string | null;
  staff: StaffFields | null;
  /** edXML `Timestamp` (Vietnam wall-clock time) as an instant. */
  timestamp: Date;
}

/** The dispatch a status answers, as `ResponseFor` names it. */
export interface AnsweredDispatch {
  senderCode: string;
  documentId: string;
  codeNumber: string;
  codeNotation: string;
  /** ISO calendar date (`2026-11-20`). */
  promulgationDate: string;
}

/** A parsed status packet's notice. The parser has already checked the timestamp and code. */
export function edxmlStatusToNotice(status: EdxmlStatus): StatusNoticeFields {
  return {
    code: status.statusCode,
    reason: status.description?.trim() ? status.description : null,
    staff: staffFieldsOf(status.staffInfo),
    timestamp: edxmlTimestampToDate(status.timestamp)!,
  };
}

/** The status packet for a notice about `dispatch`, from `author`. */
export function noticeToEdxmlStatus(
  author: EdxmlOrganization,
  dispatch: AnsweredDispatch,
  notice: StatusNoticeFields,
): EdxmlStatus {
  return {
    from: author,
    responseFor: {
      organId: dispatch.senderCode,
      code: `${dispatch.codeNumber}/${dispatch.codeNotation}`,
      promulgationDate: isoDateToEdxml(dispatch.promulgationDate),
      documentId: dispatch.documentId,
    },
    ...(notice.staff ? { staffInfo: notice.staff } : {}),
    statusCode: notice.code,
    ...(notice.reason !== null ? { description: notice.reason } : {}),
    timestamp: dateToEdxmlTimestamp(notice.timestamp),
  };
}

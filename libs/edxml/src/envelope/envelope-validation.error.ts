import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** Stable per-field codes; clients switch on them, so they never change once published. */
export type EnvelopeIssueCode =
  | 'ENVELOPE_NOT_AN_OBJECT'
  | 'FIELD_REQUIRED'
  | 'FIELD_TYPE_INVALID'
  | 'FIELD_VALUE_INVALID'
  | 'FIELD_TOO_LONG'
  | 'FIELD_UNKNOWN'
  | 'TOO_MANY_ITEMS'
  | 'TEXT_CHARACTER_INVALID'
  | 'AGENCY_CODE_INVALID'
  | 'EMAIL_INVALID'
  | 'DATE_INVALID'
  | 'DUPLICATE_RECIPIENT'
  | 'SENDER_IS_RECIPIENT'
  | 'NUMBER_NOTATION_INVALID'
  | 'NOTATION_TYPE_MISMATCH'
  | 'DOCUMENT_TYPE_UNKNOWN'
  | 'DOCUMENT_TYPE_CODE_MISMATCH'
  | 'DUE_DATE_BEFORE_PROMULGATION'
  | 'DOCUMENT_ID_MISMATCH'
  | 'PRIORITY_URGENCY_MISMATCH';

export interface EnvelopeIssue {
  /** Where, as `to[1].organId`; empty for the envelope as a whole. */
  readonly path: string;
  readonly code: EnvelopeIssueCode;
  /** English, with the Vietnamese field name in parentheses. */
  readonly message: string;
}

/** Every problem of one envelope at once, so a sender fixes them in one round trip. */
export class EnvelopeValidationError extends InvalidInputError {
  readonly issues: readonly EnvelopeIssue[];

  constructor(issues: readonly EnvelopeIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    // Each issue's message is English (with the Vietnamese field name) and keeps its published
    // shape; the Vietnamese names the fields to fix, the stable per-field codes say what is wrong.
    const fields = [...new Set(issues.map((issue) => issue.path || '(envelope)'))];
    super(
      'ENVELOPE_INVALID',
      `Dispatch envelope is invalid (${count}): ${issues.map((issue) => issue.message).join('; ')}`,
      { issues },
      {
        vi: `Thông tin văn bản điện tử không hợp lệ (${issues.length} lỗi); các trường cần sửa: ${fields.join(', ')} (xem chi tiết tại details.issues).`,
      },
    );
    this.issues = issues;
  }
}

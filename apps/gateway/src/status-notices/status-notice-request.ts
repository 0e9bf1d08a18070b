import { z } from 'zod';
import { isValidAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { STAFF_INFO_FIELD_MAX_LENGTH } from '@docaxis/edxml/packet/edxml-packet.parser';
import {
  type EdxmlStatusCode,
  normalizeEdxmlStatusCode,
} from '@docaxis/edxml/packet/edxml-status-codes';
import {
  RECEIVED_TRACE_MAX_ENTRIES,
  type ReceivedTraceEntry,
} from '@docaxis/edxml/packet/received-trace';
import { characterCount, sanitizeText } from '@docaxis/edxml/text/safe-text';
import type { StaffInfo } from '@docaxis/persistence/status-notice/status-notice.entity';
import {
  StatusCodeUnknownError,
  StatusNoticeInvalidError,
  StatusReasonRequiredError,
} from './status-notice.errors';
import { bodyIssues } from '../http/body-issues';

/** A status notice as an agency posts it, checked and normalized. */
export interface StatusNoticeRequest {
  /** The author's id for the notice; the same id again returns the first notice. */
  noticeId?: string;
  code: EdxmlStatusCode;
  reason: string | null;
  staff: StaffInfo | null;
  /** When it happened in the agency's system (edXML `Timestamp`); now when not given. */
  timestamp: Date | null;
  /**
   * The systems the notice passed before the axis (a status packet's TraceHeaderList), served
   * back before the axis' own entry; null when not given.
   */
  trace: ReceivedTraceEntry[] | null;
}

/** Codes whose notice must say why (edXML `Description`). */
export const CODES_NEEDING_A_REASON: ReadonlySet<EdxmlStatusCode> = new Set(['02', '16']);

const LIMITS = { reason: 2000, staffField: STAFF_INFO_FIELD_MAX_LENGTH } as const;

function text(max: number, multiline = false) {
  return z.string().transform((raw, ctx) => {
    const result = sanitizeText(raw, { multiline });
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    if (characterCount(result.value) > max) {
      ctx.addIssue({ code: 'custom', message: `must not exceed ${max} characters` });
      return z.NEVER;
    }
    return result.value;
  });
}

const optionalStaffText = text(LIMITS.staffField)
  .nullish()
  .transform((v) => (v ? v : undefined));

const bodySchema = z.strictObject({
  noticeId: z
    .string()
    .regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters')
    .optional(),
  code: z.string().min(1).max(10),
  reason: text(LIMITS.reason, true).nullish(),
  staff: z
    .strictObject({
      department: optionalStaffText,
      staff: optionalStaffText,
      email: optionalStaffText,
      mobile: optionalStaffText,
    })
    .nullish(),
  timestamp: z.iso.datetime({ offset: true }).nullish(),
  trace: z
    .array(
      z.strictObject({
        organId: z.string().refine(isValidAgencyCode, 'must be an agency code (mã định danh)'),
        timestamp: z.iso.datetime({ offset: true }),
      }),
    )
    .max(RECEIVED_TRACE_MAX_ENTRIES)
    .nullish(),
});

/**
 * Parses a posted notice. Shape problems are one 400 (`STATUS_NOTICE_INVALID`, every issue by
 * path); a code the standard does not have, or a refusal without its reason, is a 422.
 * `14` is read as `15` (SDKs differ).
 */
export function parseStatusNoticeRequest(body: unknown): StatusNoticeRequest {
  const parsed = bodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new StatusNoticeInvalidError(bodyIssues(parsed.error));
  }
  const data = parsed.data;
  const code = normalizeEdxmlStatusCode(data.code);
  if (!code) throw new StatusCodeUnknownError(data.code);
  const reason = data.reason ? data.reason : null;
  if (CODES_NEEDING_A_REASON.has(code) && reason === null) {
    throw new StatusReasonRequiredError(code);
  }
  const staff = data.staff ? dropEmpty(data.staff) : null;
  return {
    ...(data.noticeId !== undefined ? { noticeId: data.noticeId } : {}),
    code,
    reason,
    staff,
    timestamp: data.timestamp ? new Date(data.timestamp) : null,
    trace: data.trace?.length
      ? data.trace.map((entry) => ({
          organId: entry.organId,
          timestamp: new Date(entry.timestamp).toISOString(),
        }))
      : null,
  };
}

function dropEmpty(staff: StaffInfo): StaffInfo | null {
  const entries = Object.entries(staff).filter(([, v]) => v !== undefined);
  return entries.length ? Object.fromEntries(entries) : null;
}

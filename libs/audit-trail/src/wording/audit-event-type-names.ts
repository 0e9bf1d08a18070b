/**
 * Every event type the audit records, as auditors search and read them: the batched events
 * (`*.batch`) are recorded once per dispatch under their per-dispatch type, and the delivery
 * command is not an event. The console and the exports (PDF report) word them from here.
 * This file is imported by the console too (Vite, by relative path): no `@docaxis/*` imports.
 */
export const AUDIT_EVENT_TYPES = [
  'dispatch.submitted',
  'dispatch.verified',
  'dispatch.rejected',
  'dispatch.refused',
  'dispatch.routed',
  'dispatch.withdrawn',
  'dispatch.delivered',
  'dispatch.fetched',
  'dispatch.acknowledged',
  'dispatch.recalled',
  'status.noticed',
  'status.delivered',
  'status.skipped',
  'parked-message.redriven',
  'parked-message.discarded',
  'directory.changed',
  'webhook.changed',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type AuditWordingLanguage = 'vi' | 'en';

/** Each event type in words; a type missing from either language does not compile. */
export const AUDIT_EVENT_TYPE_NAMES: Readonly<
  Record<AuditWordingLanguage, Readonly<Record<AuditEventType, string>>>
> = {
  vi: {
    'dispatch.submitted': 'Tiếp nhận văn bản gửi',
    'dispatch.verified': 'Đã kiểm tra chữ ký',
    'dispatch.rejected': 'Từ chối (chữ ký)',
    'dispatch.refused': 'Từ chối tại cổng',
    'dispatch.routed': 'Đã định tuyến',
    'dispatch.withdrawn': 'Đã thu hồi trước khi định tuyến',
    'dispatch.delivered': 'Đã chuyển đến hộp thư',
    'dispatch.fetched': 'Cơ quan nhận đã lấy về',
    'dispatch.acknowledged': 'Cơ quan nhận đã xác nhận',
    'dispatch.recalled': 'Cơ quan gửi thu hồi văn bản',
    'status.noticed': 'Ghi nhận trạng thái xử lý',
    'status.delivered': 'Đã chuyển trạng thái xử lý',
    'status.skipped': 'Bỏ qua trạng thái xử lý (quản trị)',
    'parked-message.redriven': 'Gửi lại thông điệp bị giữ (quản trị)',
    'parked-message.discarded': 'Hủy thông điệp bị giữ (quản trị)',
    'directory.changed': 'Thay đổi danh bạ cơ quan',
    'webhook.changed': 'Thay đổi webhook của cơ quan',
  },
  en: {
    'dispatch.submitted': 'Dispatch accepted',
    'dispatch.verified': 'Signatures verified',
    'dispatch.rejected': 'Rejected (signatures)',
    'dispatch.refused': 'Refused at the door',
    'dispatch.routed': 'Routed',
    'dispatch.withdrawn': 'Withdrawn before routing (recalled)',
    'dispatch.delivered': 'Delivered to the inbox',
    'dispatch.fetched': 'Fetched by the recipient',
    'dispatch.acknowledged': 'Acknowledged by the recipient',
    'dispatch.recalled': 'Recalled by the sender',
    'status.noticed': 'Status notice recorded',
    'status.delivered': 'Status notice delivered',
    'status.skipped': 'Status notice skipped (administrator)',
    'parked-message.redriven': 'Parked message redriven (administrator)',
    'parked-message.discarded': 'Parked message discarded (administrator)',
    'directory.changed': 'Agency directory changed',
    'webhook.changed': 'Agency webhook changed',
  },
};

/** The type in words, or as recorded when the axis does not publish it (the audit keeps those too). */
export function auditEventTypeName(type: string, language: AuditWordingLanguage): string {
  const names: Readonly<Record<string, string>> = AUDIT_EVENT_TYPE_NAMES[language];
  return Object.hasOwn(names, type) ? names[type] : type;
}

import type { AuditWordingLanguage } from '../wording/audit-event-type-names';
import { DIRECTORY_CHANGE_WORDING } from '../wording/directory-change-wording';
import { WEBHOOK_CHANGE_WORDING, WEBHOOK_NOTIFIER_ACTOR } from '../wording/webhook-change-wording';

/** The fields of a record its details line is read from. */
export interface DetailedAuditRecord {
  eventType: string;
  senderCode: string | null;
  recipientCode: string | null;
  actor: string | null;
  payload: Record<string, unknown>;
}

const NONE = '—';

/**
 * What a record is about, in one line of the report's language: a directory or webhook change
 * says what happened to which agency (they have no sender or recipient); a dispatch or status
 * event its sender → recipient, and the status code it carries. The console's search results
 * import it too (by relative path, into the browser bundle): no `@docaxis/*` imports here.
 */
export function auditEventDetails(
  record: DetailedAuditRecord,
  language: AuditWordingLanguage,
): string {
  const body = bodyOf(record.payload);
  if (record.eventType === 'webhook.changed') return webhookChange(body, record.actor, language);
  if (record.eventType === 'directory.changed') return directoryChange(body, language);
  const parties =
    record.senderCode === null && record.recipientCode === null
      ? null
      : `${record.senderCode ?? NONE} → ${record.recipientCode ?? NONE}`;
  const code = text(body, 'statusCode');
  const status = code && (language === 'vi' ? `mã trạng thái ${code}` : `status ${code}`);
  return [parties, status].filter(Boolean).join('; ') || NONE;
}

function webhookChange(
  body: Record<string, unknown>,
  actor: string | null,
  language: AuditWordingLanguage,
): string {
  const w = WEBHOOK_CHANGE_WORDING[language];
  const action = text(body, 'action');
  const code = text(body, 'deactivationCode');
  const [own, other] = language === 'vi' ? ['reasonVi', 'reason'] : ['reason', 'reasonVi'];
  const reason = text(body, own) ?? text(body, other);
  const agency = text(body, 'agencyCode') ?? NONE;
  const done = action ? (w.action[action] ?? action) : NONE;
  const what = language === 'vi' ? `${done} webhook của ${agency}` : `webhook of ${agency} ${done}`;
  return [
    what + (code ? ` (${w.deactivationCode[code] ?? code})` : ''),
    actor === WEBHOOK_NOTIFIER_ACTOR ? w.byNotifier : null,
    text(body, 'url'),
    reason,
  ]
    .filter(Boolean)
    .join('; ');
}

function directoryChange(body: Record<string, unknown>, language: AuditWordingLanguage): string {
  const d = DIRECTORY_CHANGE_WORDING[language];
  const action = text(body, 'action');
  const fingerprint = text(body, 'fingerprint');
  const replaced = text(body, 'replacedFingerprint');
  const roles = Array.isArray(body.roles)
    ? body.roles.filter((role): role is string => typeof role === 'string')
    : [];
  return [
    `${action ? (d.action[action] ?? action) : NONE} ${text(body, 'agencyCode') ?? NONE}`,
    fingerprint && d.certificate(fingerprint),
    replaced && d.replaced(replaced),
    roles.length ? d.roles(roles) : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** The message the audit recorded (`payload.body`); empty for a body that was not an object. */
function bodyOf(payload: Record<string, unknown>): Record<string, unknown> {
  const body = payload.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function text(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

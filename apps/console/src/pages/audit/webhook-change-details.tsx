import type { AuditEvent } from '../../api/audit';
import { useI18n } from '../../i18n/i18n-context';
import { WEBHOOK_NOTIFIER_ACTOR } from '../../../../../libs/audit-trail/src/wording/webhook-change-wording';
import { eventBody } from './audit-event-body';

/**
 * What a `webhook.changed` record says: what happened to which agency's webhook and, for a
 * deactivation, why — the code in words and the reason as the agency read it, in the page's
 * language (the other one for a record that has only that).
 */
export function WebhookChangeDetails({ event }: { event: AuditEvent }) {
  const { t, language } = useI18n();
  const w = t.audit.webhookChange;
  const body = eventBody(event);
  const text = (key: string): string | undefined =>
    typeof body[key] === 'string' ? body[key] : undefined;
  const action = text('action');
  const code = text('deactivationCode');
  const reason =
    language === 'vi' ? (text('reasonVi') ?? text('reason')) : (text('reason') ?? text('reasonVi'));
  const what = [action && (w.action[action] ?? action), text('agencyCode')]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <span className="muted">
        {' '}
        ({what}
        {code && `: ${w.deactivationCode[code] ?? code}`})
        {event.actor === WEBHOOK_NOTIFIER_ACTOR && ` — ${w.byNotifier}`}
      </span>
      {reason && <div className="muted">{reason}</div>}
    </>
  );
}

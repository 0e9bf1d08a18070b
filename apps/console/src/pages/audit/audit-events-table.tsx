import type { AuditEvent } from '../../api/audit';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { packetSignatureOf, statusCodeOf } from './audit-event-body';
import { auditEventDetails } from '../../../../../libs/audit-trail/src/export/audit-event-details';
import { WebhookChangeDetails } from './webhook-change-details';

const WEBHOOK_CHANGED = 'webhook.changed';
const DIRECTORY_CHANGED = 'directory.changed';

export function AuditEventsTable({
  events,
  onOpenTimeline,
}: {
  events: readonly AuditEvent[];
  onOpenTimeline: (dispatchId: string) => void;
}) {
  const { t, language } = useI18n();
  const c = t.audit.table;
  return (
    <div className="table-scroll">
      <table data-testid="audit-events">
        <caption className="visually-hidden">{t.audit.search.count(events.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{c.seq}</th>
            <th scope="col">{c.time}</th>
            <th scope="col">{c.type}</th>
            <th scope="col">{c.sender}</th>
            <th scope="col">{c.recipient}</th>
            <th scope="col">{c.dispatch}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const status = statusCodeOf(event);
            const signature = packetSignatureOf(event);
            return (
              <tr key={event.seq}>
                <td>{event.seq}</td>
                <td>{formatDateTime(event.occurredAt)}</td>
                <td>
                  {t.audit.eventType[event.eventType] ?? event.eventType}
                  {status && (
                    <span className="muted">
                      {' '}
                      ({status} {t.statusCode[status] ?? ''})
                    </span>
                  )}
                  {signature && (
                    <span className="notice-signature muted">
                      {t.inbox.noticeSignature(signature)}
                    </span>
                  )}
                  {event.eventType === WEBHOOK_CHANGED && <WebhookChangeDetails event={event} />}
                  {event.eventType === DIRECTORY_CHANGED && (
                    // What the administrator did to which agency, as the PDF report words it.
                    <span className="muted">
                      {' '}
                      ({auditEventDetails({ ...event, payload: event.details }, language)})
                    </span>
                  )}
                </td>
                <td>
                  <code>{event.senderCode ?? '—'}</code>
                </td>
                <td>
                  <code>{event.recipientCode ?? '—'}</code>
                </td>
                <td>
                  {event.dispatchId ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onOpenTimeline(event.dispatchId!)}
                      aria-label={`${c.openTimeline}: ${event.dispatchId}`}
                    >
                      {c.openTimeline}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

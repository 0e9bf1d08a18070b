import type { SentItem } from '../../api/dispatches';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { UrgencyBadge } from './urgency-badge';

/** What the agency sent, newest first, with where each recipient is. */
export function SentTable({
  items,
  onOpen,
}: {
  items: readonly SentItem[];
  onOpen: (dispatchId: string) => void;
}) {
  const { t } = useI18n();
  const c = t.inbox.column;
  return (
    <div className="table-scroll">
      <table data-testid="sent">
        <thead>
          <tr>
            <th scope="col">{c.document}</th>
            <th scope="col">{c.urgency}</th>
            <th scope="col">{t.inbox.sentAt}</th>
            <th scope="col">{t.dispatch.recipients}</th>
            <th scope="col">{c.open}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.dispatchId} data-dispatch={item.dispatchId}>
              <td>
                <strong>{item.subject}</strong>
                <br />
                <span className="muted">{item.documentId}</span>
                {item.state === 'rejected' && (
                  <p className="warning">{t.dispatch.rejectedInList}</p>
                )}
                {item.recalledAt && (
                  <p className="warning">{t.recall.recalledAt(formatDateTime(item.recalledAt))}</p>
                )}
              </td>
              <td>
                <UrgencyBadge urgency={item.urgency} />
              </td>
              <td>{formatDateTime(item.createdAt)}</td>
              <td>
                <ul className="recipient-states">
                  {item.recipients.map((recipient) => (
                    <li key={recipient.agencyCode} data-recipient={recipient.agencyCode}>
                      <code>{recipient.agencyCode}</code>:{' '}
                      {t.inbox.deliveryState[recipient.state] ?? recipient.state}
                      {recipient.statusCode && (
                        <strong>
                          {' '}
                          · {recipient.statusCode} — {t.statusCode[recipient.statusCode] ?? ''}
                        </strong>
                      )}
                      {recipient.recallState && (
                        <span className="warning">
                          {' '}
                          · {t.recall.state[recipient.recallState] ?? recipient.recallState}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen(item.dispatchId)}
                  aria-label={`${t.inbox.open}: ${item.documentId}`}
                >
                  {t.inbox.open}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

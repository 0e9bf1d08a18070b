import type { InboxItem } from '../../api/dispatches';
import { formatDate, formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { NoticeSignature } from './notice-signature';
import { isOverdue } from './overdue';
import { OverdueMark, UrgencyBadge } from './urgency-badge';

export function InboxTable({
  items,
  onOpen,
}: {
  items: readonly InboxItem[];
  onOpen: (dispatchId: string) => void;
}) {
  const { t } = useI18n();
  const c = t.inbox.column;
  return (
    <div className="table-scroll">
      <table data-testid="inbox">
        <thead>
          <tr>
            <th scope="col">{c.kind}</th>
            <th scope="col">{c.document}</th>
            <th scope="col">{c.from}</th>
            <th scope="col">{c.urgency}</th>
            <th scope="col">{c.due}</th>
            <th scope="col">{c.state}</th>
            <th scope="col">{c.at}</th>
            <th scope="col">{c.open}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.kind === 'status' ? `s-${item.notice.id}` : `d-${item.dispatchId}`}
              data-kind={item.kind}
              data-dispatch={item.dispatchId}
            >
              <td>{t.inbox.kind[item.kind]}</td>
              {item.kind === 'dispatch' ? (
                <>
                  <td>
                    <strong>{item.subject}</strong>
                    <br />
                    <span className="muted">{item.documentId}</span>
                  </td>
                  <td>
                    <code>{item.senderCode}</code>
                  </td>
                  <td>
                    <UrgencyBadge urgency={item.urgency} />
                  </td>
                  <td>
                    {formatDate(item.dueDate ?? undefined)}{' '}
                    {isOverdue(item.dueDate) && <OverdueMark />}
                  </td>
                  <td>{t.inbox.deliveryState[item.state] ?? item.state}</td>
                </>
              ) : (
                // A notice has no urgency, due date nor delivery state of its own: one cell says
                // what it is and when its author gave it, so no column shows what its header
                // does not name.
                <td colSpan={5}>
                  <strong>
                    {t.inbox.noticeFrom(
                      item.notice.code,
                      t.statusCode[item.notice.code] ?? item.notice.name,
                      item.notice.authorCode,
                    )}
                  </strong>
                  <br />
                  <span className="muted">
                    {item.documentId} ·{' '}
                    {t.inbox.noticeGivenAt(formatDateTime(item.notice.timestamp))}
                  </span>
                  {item.notice.reason && <p className="reason">{item.notice.reason}</p>}
                  <NoticeSignature notice={item.notice} />
                </td>
              )}
              <td>{formatDateTime(item.deliveredAt ?? undefined)}</td>
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

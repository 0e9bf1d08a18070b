import { useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/api-client';
import { dispatchTimeline, type DispatchTimeline as Timeline } from '../../api/audit';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorAlert } from '../../shell/error-alert';
import { statusCodeOf } from './audit-event-body';

/** One dispatch's life on the axis, with the agencies' status notices in between. */
export function DispatchTimeline({
  dispatchId,
  onClose,
}: {
  dispatchId: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const s = t.audit.timeline;
  const heading = useRef<HTMLHeadingElement>(null);
  const [timeline, setTimeline] = useState<Timeline>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setTimeline(undefined);
    setError(undefined);
    dispatchTimeline(dispatchId).then(setTimeline, (caught: unknown) =>
      setError(describeError(caught)),
    );
    // Keyboard and screen-reader users land on what they opened.
    heading.current?.focus();
  }, [dispatchId]);
  return (
    <section className="panel timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <div className="panel-header">
        <h2 id="timeline-title" ref={heading} tabIndex={-1}>
          {s.title(dispatchId)}
        </h2>
        <button type="button" onClick={onClose}>
          {s.close}
        </button>
      </div>
      <ErrorAlert error={error} />
      {timeline && timeline.entries.length === 0 && <p>{s.empty}</p>}
      {timeline && timeline.entries.length > 0 && (
        <ol className="timeline-list">
          {timeline.entries.map((entry) => {
            const status = statusCodeOf(entry);
            return (
              <li key={entry.seq} className={`timeline-${entry.source}`}>
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                <span className="timeline-source">{s.source[entry.source] ?? entry.source}</span>
                <strong>{t.audit.eventType[entry.eventType] ?? entry.eventType}</strong>
                {status && (
                  <span>
                    {' '}
                    {status} — {t.statusCode[status] ?? ''}
                  </span>
                )}
                <span className="muted">
                  {entry.senderCode && ` ${entry.senderCode}`}
                  {entry.recipientCode && ` → ${entry.recipientCode}`}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

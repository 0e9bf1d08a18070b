import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../api/api-client';
import {
  type DispatchView,
  fetchDispatch,
  type RecallResult,
  type StatusNotice,
} from '../../api/dispatches';
import { formatDate, formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { VerdictBadge } from '../verify/verdict-badge';
import { isOverdue } from './overdue';
import { PdfViewer } from './pdf-viewer';
import { canRecall, DispatchRejection } from './dispatch-rejection';
import { RecallForm } from './recall-form';
import { NoticeSignature } from './notice-signature';
import { StatusNoticeForm } from './status-notice-form';
import { OverdueMark, UrgencyBadge } from './urgency-badge';
import { ErrorAlert } from '../../shell/error-alert';

/** One dispatch as the calling agency sees it: envelope, recipients, files, status notices. */
export function DispatchDetail({
  dispatchId,
  agencyCode,
  onClose,
  onChanged,
}: {
  dispatchId: string;
  agencyCode: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const d = t.dispatch;
  const heading = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useState<DispatchView>();
  const [error, setError] = useState<string>();
  const [shown, setShown] = useState<string>();
  const [posted, setPosted] = useState<StatusNotice>();
  const [recalled, setRecalled] = useState<RecallResult>();

  const load = useCallback(() => {
    fetchDispatch(dispatchId).then(setView, (caught: unknown) => setError(describeError(caught)));
  }, [dispatchId]);
  useEffect(() => {
    setView(undefined);
    setError(undefined);
    setShown(undefined);
    load();
    heading.current?.focus();
  }, [load]);

  const envelope = view?.envelope;
  const own = view?.recipients.find((r) => r.agencyCode === agencyCode);
  const isRecipient = view !== undefined && view.senderCode !== agencyCode && own !== undefined;
  return (
    <section className="panel dispatch" aria-labelledby="dispatch-title" data-testid="dispatch">
      <div className="panel-header">
        <h2 id="dispatch-title" ref={heading} tabIndex={-1}>
          {envelope?.subject ?? dispatchId}
        </h2>
        <button type="button" onClick={onClose}>
          {d.close}
        </button>
      </div>
      <ErrorAlert error={error} />
      {!view && !error && <p role="status">{d.loading}</p>}
      {view && envelope && (
        <>
          <dl className="facts">
            <dt>{d.numberNotation}</dt>
            <dd>
              {envelope.code?.codeNumber}/{envelope.code?.codeNotation}{' '}
              <span className="muted">({view.documentId})</span>
            </dd>
            <dt>{d.sender}</dt>
            <dd>
              {envelope.from?.organName} (<code>{view.senderCode}</code>)
            </dd>
            <dt>{d.promulgation}</dt>
            <dd>
              {envelope.promulgationInfo?.place},{' '}
              {formatDate(envelope.promulgationInfo?.promulgationDate)}
            </dd>
            <dt>{t.inbox.column.urgency}</dt>
            <dd>
              <UrgencyBadge urgency={envelope.urgency} />
            </dd>
            <dt>{t.inbox.column.due}</dt>
            <dd>
              {formatDate(envelope.dueDate)}{' '}
              {isOverdue(envelope.dueDate, own?.statusCode) && <OverdueMark />}
            </dd>
          </dl>
          <DispatchRejection view={view} />
          {view.recall && (
            <p className="notice notice-error">
              {d.recalled(formatDateTime(view.recall.recalledAt), view.recall.reason)}
              {view.state === 'withdrawn' && <> {d.withdrawn}</>}
            </p>
          )}

          <h3>{d.recipients}</h3>
          <div className="table-scroll">
            <table data-testid="recipients">
              <thead>
                <tr>
                  <th scope="col">{d.recipient}</th>
                  <th scope="col">{d.delivery}</th>
                  <th scope="col">{d.status}</th>
                  <th scope="col">{d.recall}</th>
                </tr>
              </thead>
              <tbody>
                {view.recipients.map((recipient) => (
                  <tr key={recipient.agencyCode} data-recipient={recipient.agencyCode}>
                    <th scope="row">
                      <code>{recipient.agencyCode}</code>
                    </th>
                    <td>
                      {t.inbox.deliveryState[recipient.state] ?? recipient.state}{' '}
                      <span className="muted">
                        {formatDateTime(recipient.fetchedAt ?? recipient.deliveredAt ?? undefined)}
                      </span>
                    </td>
                    <td data-status={recipient.statusCode ?? ''}>
                      {recipient.statusCode
                        ? `${recipient.statusCode} — ${t.statusCode[recipient.statusCode] ?? ''} (${formatDateTime(recipient.statusAt ?? undefined)})`
                        : d.noStatus}
                    </td>
                    <td data-recall={recipient.recallState ?? ''}>
                      {recipient.recallState
                        ? (t.recall.state[recipient.recallState] ?? recipient.recallState)
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>{d.files}</h3>
          <ul className="files">
            {view.files.map((file) => (
              <li key={file.id}>
                <span>{file.fileName}</span>{' '}
                {file.verification && (
                  <VerdictBadge
                    indication={file.verification.indication}
                    subIndication={file.verification.subIndication}
                  />
                )}{' '}
                <button
                  type="button"
                  aria-expanded={shown === file.id}
                  onClick={() => setShown(shown === file.id ? undefined : file.id)}
                >
                  {shown === file.id ? d.hide : d.view}
                </button>
                {shown === file.id && (
                  <PdfViewer dispatchId={view.id} fileId={file.id} fileName={file.fileName} />
                )}
              </li>
            ))}
          </ul>

          <h3>{d.notices}</h3>
          {(view.notices ?? []).length === 0 ? (
            <p>{d.noNotices}</p>
          ) : (
            <ol className="timeline-list" data-testid="notices">
              {(view.notices ?? []).map((notice) => (
                <li key={notice.id}>
                  <time dateTime={notice.timestamp}>{formatDateTime(notice.timestamp)}</time>
                  <strong>
                    {notice.code} — {t.statusCode[notice.code] ?? notice.name}
                  </strong>
                  <span className="muted">
                    {notice.authorCode} → {notice.addresseeCode}
                  </span>
                  {notice.reason && <span>{notice.reason}</span>}
                  <NoticeSignature notice={notice} />
                </li>
              ))}
            </ol>
          )}

          {posted && (
            <p role="status" className="notice notice-ok">
              {d.posted(posted.code, t.statusCode[posted.code] ?? posted.name)}
            </p>
          )}
          {recalled && (
            <p role="status" className="notice notice-ok">
              {t.recall.done(recalled.withdrawnFrom.length, recalled.requestedFrom.length)}
            </p>
          )}
          {canRecall(view, agencyCode) && (
            <RecallForm
              dispatchId={view.id}
              onRecalled={(result) => {
                setRecalled(result);
                load();
                onChanged();
              }}
            />
          )}
          {isRecipient && (
            <StatusNoticeForm
              key={`${own?.statusCode ?? ''}-${own?.recallState ?? ''}`}
              dispatchId={view.id}
              currentStatus={own?.statusCode ?? null}
              recallRequested={own?.recallState === 'requested'}
              onPosted={(notice) => {
                setPosted(notice);
                load();
                onChanged();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

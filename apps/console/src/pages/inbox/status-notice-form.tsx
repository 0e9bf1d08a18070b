import { type FormEvent, useId, useState } from 'react';
import { postStatusNotice, type StatusNotice } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorAlert } from '../../shell/error-alert';
import { RetrySafeRequestId } from '../../shell/retry-safe-request-id';
import { useAction } from '../../shell/use-action';

const PROCESSING_CODES = ['01', '02', '03', '04', '05', '06'];
const RECALL_ANSWERS = ['15', '16'];
/** The usual path of a handled dispatch (QĐ 28/2018): 01 → 03 → 04 → 05 → 06. */
const FORWARD: Readonly<Record<string, string>> = {
  '01': '03',
  '03': '04',
  '04': '05',
  '05': '06',
};
/** Refusals must say why (edXML `Description`). */
const NEEDS_REASON = new Set(['02', '16']);

/** A recipient's clerk tells the sender how the dispatch is being handled. */
export function StatusNoticeForm({
  dispatchId,
  recallRequested,
  currentStatus,
  onPosted,
}: {
  dispatchId: string;
  recallRequested: boolean;
  /** The last status this agency reported; the form proposes the next one. */
  currentStatus: string | null;
  onPosted: (notice: StatusNotice) => void;
}) {
  const { t } = useI18n();
  const d = t.dispatch;
  const id = useId();
  const codes = recallRequested ? RECALL_ANSWERS : PROCESSING_CODES;
  const proposed = recallRequested ? codes[0] : currentStatus ? FORWARD[currentStatus] : '01';
  const [code, setCode] = useState(proposed ?? codes[0]);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const [noticeId] = useState(() => new RetrySafeRequestId(() => `console-${crypto.randomUUID()}`));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    await run(async () => {
      const notice = await postStatusNotice(dispatchId, {
        code,
        ...(trimmed ? { reason: trimmed } : {}),
        // Pressed again after a lost answer: the same notice, recorded once, answered as recorded.
        noticeId: noticeId.for(JSON.stringify([code, trimmed])),
      });
      noticeId.settled();
      setReason('');
      onPosted(notice);
    });
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
      className="panel"
    >
      <h3 id={`${id}-title`}>{d.postTitle}</h3>
      <div className="fields">
        <div className="field">
          <label htmlFor={`${id}-code`}>{d.code}</label>
          <select id={`${id}-code`} value={code} onChange={(event) => setCode(event.target.value)}>
            {codes.map((value) => (
              <option key={value} value={value}>
                {value} — {t.statusCode[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {d.reason}
            {NEEDS_REASON.has(code) && <span className="muted"> ({d.reasonRequired})</span>}
          </label>
          <textarea
            id={`${id}-reason`}
            value={reason}
            rows={2}
            required={NEEDS_REASON.has(code)}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? d.posting : d.post}
        </button>
      </div>
      <ErrorAlert error={error} />
    </form>
  );
}

import { type FormEvent, useId, useState } from 'react';
import { recallDispatch, type RecallResult } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorAlert } from '../../shell/error-alert';
import { useAction } from '../../shell/use-action';

/**
 * The sender's clerk recalls (thu hồi) a dispatch: it leaves the inboxes that had neither fetched
 * it nor reported a status on it; the other recipients get a recall request (13) and answer 15
 * or 16.
 */
export function RecallForm({
  dispatchId,
  onRecalled,
}: {
  dispatchId: string;
  onRecalled: (result: RecallResult) => void;
}) {
  const { t } = useI18n();
  const r = t.recall;
  const id = useId();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A recall cannot be undone: the first press asks, the second one sends.
    if (!confirming) {
      setConfirming(true);
      return;
    }
    const recalled = await run(async () =>
      onRecalled(await recallDispatch(dispatchId, reason.trim())),
    );
    if (!recalled) setConfirming(false);
  };

  return (
    <form
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
      className="panel"
    >
      <h3 id={`${id}-title`}>{r.title}</h3>
      <p>{r.explain}</p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{r.reason}</label>
        <textarea
          id={`${id}-reason`}
          value={reason}
          rows={2}
          required
          maxLength={2000}
          onChange={(event) => {
            setReason(event.target.value);
            setConfirming(false);
          }}
        />
      </div>
      {confirming && (
        <p role="alert" className="warning">
          {r.confirmQuestion}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="danger" disabled={busy || reason.trim() === ''}>
          {busy ? r.recalling : confirming ? r.confirm : r.submit}
        </button>
      </div>
      <ErrorAlert error={error} />
    </form>
  );
}

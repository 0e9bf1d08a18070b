import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api/api-client';
import { fetchInbox, fetchSent, type InboxItem, type SentItem } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorAlert } from '../../shell/error-alert';
import { DispatchDetail } from './dispatch-detail';
import { InboxTable } from './inbox-table';
import { SentTable } from './sent-table';

type Box = 'incoming' | 'sent';

/**
 * Inbox and sent (clerk): incoming dispatches with the status notices other agencies sent about
 * ours, and what the agency sent with each recipient's state.
 */
export function InboxPage({ agencyCode }: { agencyCode: string }) {
  const { t } = useI18n();
  const [box, setBox] = useState<Box>('incoming');
  const [items, setItems] = useState<InboxItem[]>();
  const [sent, setSent] = useState<SentItem[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<{ id: string; at: number }>();

  const load = useCallback(() => {
    setError(undefined);
    const fail = (caught: unknown) => setError(describeError(caught));
    if (box === 'incoming') {
      // Newest first: what just arrived is what a clerk handles next.
      fetchInbox().then((all) => setItems([...all].reverse()), fail);
    } else {
      fetchSent().then((page) => setSent(page.items), fail);
    }
  }, [box]);
  useEffect(load, [load]);

  const shown = box === 'incoming' ? items : sent;
  const openDispatch = (id: string) => setOpen({ id, at: Date.now() });
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t.inbox.title}</h1>
      <div className="actions">
        <div role="group" aria-label={t.inbox.boxes} className="box-switch">
          {(['incoming', 'sent'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={box === option}
              onClick={() => setBox(option)}
            >
              {t.inbox.box[option]}
            </button>
          ))}
        </div>
        <button type="button" onClick={load}>
          {t.inbox.refresh}
        </button>
      </div>
      <ErrorAlert error={error} />
      {!shown && !error && <p role="status">{t.inbox.loading}</p>}
      <div aria-live="polite">
        {shown && <p>{shown.length === 0 ? t.inbox.empty : t.inbox.count(shown.length)}</p>}
      </div>
      {open && (
        <DispatchDetail
          // Opening it again (from a newer notice, say) reloads it.
          key={open.at}
          dispatchId={open.id}
          agencyCode={agencyCode}
          onClose={() => setOpen(undefined)}
          onChanged={load}
        />
      )}
      {box === 'incoming' && items && items.length > 0 && (
        <InboxTable items={items} onOpen={openDispatch} />
      )}
      {box === 'sent' && sent && sent.length > 0 && (
        <SentTable items={sent} onOpen={openDispatch} />
      )}
    </section>
  );
}

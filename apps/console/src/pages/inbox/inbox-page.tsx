import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../../api/api-client';
import { fetchInbox, type InboxItem } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';
import { DispatchDetail } from './dispatch-detail';
import { InboxTable } from './inbox-table';
import { ErrorAlert } from '../../shell/error-alert';

/** Inbox (clerk): incoming dispatches and the status notices other agencies sent about ours. */
export function InboxPage({ agencyCode }: { agencyCode: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<InboxItem[]>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<{ id: string; at: number }>();

  const load = useCallback(() => {
    setError(undefined);
    fetchInbox().then(
      // Newest first: what just arrived is what a clerk handles next.
      (all) => setItems([...all].reverse()),
      (caught: unknown) => setError(describeError(caught)),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t.inbox.title}</h1>
      <div className="actions">
        <button type="button" onClick={load}>
          {t.inbox.refresh}
        </button>
      </div>
      <ErrorAlert error={error} />
      {!items && !error && <p role="status">{t.inbox.loading}</p>}
      <div aria-live="polite">
        {items && <p>{items.length === 0 ? t.inbox.empty : t.inbox.count(items.length)}</p>}
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
      {items && items.length > 0 && (
        <InboxTable items={items} onOpen={(id) => setOpen({ id, at: Date.now() })} />
      )}
    </section>
  );
}

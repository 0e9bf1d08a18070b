import { useEffect, useState } from 'react';
import { describeError, saveResponse } from '../../api/api-client';
import {
  type AuditEvent,
  type AuditFilter,
  exportEvents,
  exportManifest,
  searchEvents,
} from '../../api/audit';
import { useI18n } from '../../i18n/i18n-context';
import { AuditEventsTable } from './audit-events-table';
import { AuditSearchForm, EMPTY_SEARCH, filterOf, type SearchFields } from './audit-search-form';
import { ChainIntegrityBadge } from './chain-integrity-badge';
import { DeliveryStatistics } from './delivery-statistics';
import { DispatchTimeline } from './dispatch-timeline';
import { type DownloadedExport, ExportManifestOffer } from './export-manifest-offer';
import { ErrorAlert } from '../../shell/error-alert';

/** Audit (auditor): chain integrity, event search, timelines, statistics and exports. */
export function AuditPage() {
  const { t, language } = useI18n();
  const s = t.audit;
  const [filter, setFilter] = useState<AuditFilter>(() => filterOf(EMPTY_SEARCH));
  const [events, setEvents] = useState<AuditEvent[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<DownloadedExport>();
  const [error, setError] = useState<string>();
  const [timelineOf, setTimelineOf] = useState<string>();

  const load = async (next: AuditFilter, after?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await searchEvents(next, after);
      setEvents((current) => (after && current ? [...current, ...page.events] : page.events));
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    // The latest events, before any search.
    void load(filterOf(EMPTY_SEARCH));
  }, []);

  const search = (fields: SearchFields) => {
    const next = filterOf(fields);
    setFilter(next);
    void load(next);
  };

  /** Runs one export step, the buttons disabled meanwhile and its failure shown. */
  const exportStep = async (step: () => Promise<void>) => {
    setExporting(true);
    setError(undefined);
    try {
      await step();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setExporting(false);
    }
  };

  const download = (format: 'csv' | 'pdf') =>
    exportStep(async () => {
      setExported(undefined);
      const response = await exportEvents(filter, format, language);
      await saveResponse(response, format === 'csv' ? 'audit-events.csv' : 'audit-report.pdf');
      // The head this export was pinned to: its manifest is asked for at the same head. None
      // for an empty trail, whose export has nothing to prove.
      const head = response.headers.get('X-Audit-Chain-Head');
      if (head) setExported({ filter, head });
    });

  const downloadManifest = (of: DownloadedExport) =>
    exportStep(async () => {
      const response = await exportManifest(of.filter, of.head);
      await saveResponse(response, 'audit-events.manifest.json');
    });

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{s.title}</h1>
      <ChainIntegrityBadge />
      <AuditSearchForm busy={busy} onSearch={search} />
      <div className="actions" role="group" aria-label={s.export.title}>
        <button type="button" disabled={exporting} onClick={() => void download('csv')}>
          {exporting ? s.export.busy : s.export.csv}
        </button>
        <button type="button" disabled={exporting} onClick={() => void download('pdf')}>
          {exporting ? s.export.busy : s.export.pdf}
        </button>
      </div>
      <ExportManifestOffer
        exported={exported}
        busy={exporting}
        onDownload={(of) => void downloadManifest(of)}
      />
      <ErrorAlert error={error} />
      <div aria-live="polite">
        {events && <p>{events.length === 0 ? s.search.none : s.search.count(events.length)}</p>}
      </div>
      {events && events.length > 0 && (
        <AuditEventsTable events={events} onOpenTimeline={setTimelineOf} />
      )}
      {cursor && events && (
        <button type="button" disabled={busy} onClick={() => void load(filter, cursor)}>
          {s.search.more}
        </button>
      )}
      {timelineOf && (
        <DispatchTimeline dispatchId={timelineOf} onClose={() => setTimelineOf(undefined)} />
      )}
      <DeliveryStatistics filter={filter} />
    </section>
  );
}

import type { AuditFilter } from '../../api/audit';
import { useI18n } from '../../i18n/i18n-context';

/** The export just downloaded: its query, and the head it was pinned to (X-Audit-Chain-Head). */
export interface DownloadedExport {
  filter: AuditFilter;
  head: string;
}

/**
 * Filters that read the dispatch's current state (the gateway's `state`, `status`, `number`,
 * `notation`): an export by them cannot be proven complete later, as its manifest says.
 */
export function filtersNotRecheckable(filter: AuditFilter): boolean {
  return [filter.status, filter.number, filter.notation].some((value) => value !== undefined);
}

/**
 * Beside the export buttons, once an export is downloaded: its manifest (the same query pinned
 * to the same head) for `docaxis audit verify-export`, and what it can and cannot prove.
 */
export function ExportManifestOffer({
  exported,
  busy,
  onDownload,
}: {
  exported: DownloadedExport | undefined;
  busy: boolean;
  onDownload: (exported: DownloadedExport) => void;
}) {
  const { t } = useI18n();
  const s = t.audit.export;
  if (!exported) return null;
  return (
    <div data-testid="export-manifest">
      <button type="button" disabled={busy} onClick={() => onDownload(exported)}>
        {s.manifest}
      </button>
      <p className="muted">{s.manifestHelp(exported.head.split(':')[0])}</p>
      {filtersNotRecheckable(exported.filter) && <p className="warning">{s.notRecheckable}</p>}
    </div>
  );
}

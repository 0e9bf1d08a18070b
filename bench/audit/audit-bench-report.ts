/** One search measured through docaxis and as the same SQL on a bare connection. */
export interface SearchBenchRow {
  label: string;
  runs: number;
  docaxisP95Ms: number;
  rawP95Ms: number;
}

export interface VerifyBenchRow {
  label: string;
  records: number;
  seconds: number;
  /** Peak live heap (sampled after a forced GC) over the heap before the walk (MB). */
  peakHeapGrowthMb: number;
  peakRssGrowthMb: number;
  ok: boolean;
}

/** The target: search answers within 200 ms at the 95th percentile. */
export const SEARCH_P95_TARGET_MS = 200;

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function searchTable(rows: readonly SearchBenchRow[]): string {
  const lines = [
    `| search (newest 50) | runs | docaxis p95 (ms) | raw SQL p95 (ms) | target p95 < ${SEARCH_P95_TARGET_MS} ms |`,
    '|---|---:|---:|---:|:---:|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.runs} | ${r.docaxisP95Ms.toFixed(1)} | ${r.rawP95Ms.toFixed(1)} | ${r.docaxisP95Ms < SEARCH_P95_TARGET_MS ? 'met' : 'NOT met'} |`,
    ),
  ];
  return lines.join('\n');
}

export function verifyTable(rows: readonly VerifyBenchRow[]): string {
  const lines = [
    '| verification | records | seconds | records/s | peak live heap growth (MB) | peak RSS growth (MB) | result |',
    '|---|---:|---:|---:|---:|---:|:---:|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.records} | ${r.seconds.toFixed(r.seconds < 10 ? 3 : 1)} | ${Math.round(r.records / r.seconds)} | ${r.peakHeapGrowthMb.toFixed(1)} | ${r.peakRssGrowthMb.toFixed(1)} | ${r.ok ? 'ok' : 'BROKEN'} |`,
    ),
  ];
  return lines.join('\n');
}

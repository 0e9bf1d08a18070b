import type { Throughput } from '../support/throughput-meter';

/** Issue targets: 5 MB at ≥ 70 % of the raw math, 100 KB at ≥ 500 verifications/s. */
export type VerifyBenchTarget =
  { kind: 'ratio-of-baseline'; minimum: number } | { kind: 'per-second'; minimum: number };

export interface VerifyBenchRow {
  label: string;
  fileSizeBytes: number;
  signatures: number;
  docaxis: Throughput;
  baseline: Throughput;
  /** docaxis per second ÷ baseline per second. */
  ratio: number;
  target: VerifyBenchTarget;
  targetMet: boolean;
}

export function targetMet(target: VerifyBenchTarget, perSecond: number, ratio: number): boolean {
  return target.kind === 'ratio-of-baseline'
    ? ratio >= target.minimum
    : perSecond >= target.minimum;
}

export function markdownTable(rows: readonly VerifyBenchRow[]): string {
  const lines = [
    '| PDF | signatures | docaxis verify() /s | baseline (SHA-256 + RSA verify) /s | ratio | target | met | CPU ms per op (docaxis / baseline) |',
    '|---|---:|---:|---:|---:|---|:-:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} (${formatBytes(row.fileSizeBytes)}) | ${row.signatures} | ` +
        `${row.docaxis.perSecond.toFixed(1)} | ${row.baseline.perSecond.toFixed(1)} | ` +
        `${(row.ratio * 100).toFixed(1)} % | ${targetText(row.target)} | ${row.targetMet ? 'yes' : 'NO'} | ` +
        `${row.docaxis.cpuMsPerOperation.toFixed(2)} / ${row.baseline.cpuMsPerOperation.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

function targetText(target: VerifyBenchTarget): string {
  return target.kind === 'ratio-of-baseline'
    ? `≥ ${(target.minimum * 100).toFixed(0)} % of baseline`
    : `≥ ${target.minimum} /s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

import type { AxisAppName } from './axis-app-process';
import type { LoadResult } from './dispatch-load';
import type { RawPipelineResult } from './raw-pipeline/raw-pipeline-baseline';
import { CPU_CONSUMERS, type CpuMsPerDispatch } from './scenario-cpu-meter';
import type { MemoryGrowth, MemorySeries } from './soak-memory';
import type { StageLatency } from './stage-latencies';

export interface AxisScenarioRow {
  label: string;
  concurrentSenders: number;
  pdfBytes: number;
  load: LoadResult;
  /** Messages the apps published (outbox rows) per completed dispatch. */
  publishesPerDispatch: number;
  /** Messages consumed and acknowledged (consumer records, audit records) per completed dispatch. */
  deliveriesPerDispatch: number;
  /** PostgreSQL transactions (explicit, or one statement on its own) per completed dispatch. */
  transactionsPerDispatch: number;
  /** docaxis' broker deliveries per second ÷ the raw broker baseline's messages per second. */
  brokerRatio: number;
  /** PDFs verified per second ÷ the raw verification baseline of the same PDF. */
  verificationRatio: number;
  peakRssBytes: Record<AxisAppName, number>;
  /** CPU ms per completed dispatch of each app, RabbitMQ and PostgreSQL over the scenario. */
  cpuMsPerDispatch: CpuMsPerDispatch;
  /** CPU ms per dispatch of the benchmark's own process (the agencies' side), same window. */
  loadGeneratorCpuMsPerDispatch: number;
  stages: StageLatency[];
}

export interface SoakResult {
  seconds: number;
  concurrentSenders: number;
  dispatches: number;
  /** Requests that failed for good (4xx, or a failure that outlasted the retries). */
  errors: number;
  /** Submissions refused while the axis was busy (503 + Retry-After), each sent again later. */
  busyRefusals: number;
  /** From the accepted POST to the last acknowledgement: bounded by admission, not by the soak's length. */
  p99Ms: number;
  /** Per app: mean RSS of the first and the last tenth of the soak, and the growth between. */
  rss: Record<AxisAppName, MemoryGrowth>;
  /** Per app: RSS from the tenth halfway through the soak to the last (warm-up left out). */
  rssSecondHalf: Record<AxisAppName, MemoryGrowth>;
  /** Per app: RSS's lowest point in the first and last whole minute of the second half. */
  rssFloorSecondHalf: Record<AxisAppName, MemoryGrowth | null>;
  /** With `--heap-probe`: heap used right after a forced full GC (the live heap), both ways. */
  heapAfterGc: Record<AxisAppName, { whole: MemoryGrowth; secondHalf: MemoryGrowth }> | null;
  series: Record<AxisAppName, { rss: MemorySeries; heapAfterGc: MemorySeries }>;
}

export interface BaselineRow {
  label: string;
  perSecond: number;
  detail: string;
}

/** Issue targets for the 64-sender row and the soak. */
export const AXIS_TARGETS = {
  dispatchesPerSecond: 1000,
  p99Ms: 500,
  brokerRatio: 0.5,
  soakGrowth: 0.1,
} as const;

export function baselineTable(rows: readonly BaselineRow[]): string {
  return [
    '| raw baseline (same run) | per second | what |',
    '|---|---:|---|',
    ...rows.map((row) => `| ${row.label} | ${row.perSecond.toFixed(0)} | ${row.detail} |`),
  ].join('\n');
}

export function scenarioTable(rows: readonly AxisScenarioRow[]): string {
  const lines = [
    '| scenario | senders | dispatches | errors | busy 503s | dispatches/s | p50 ms | p95 ms | p99 ms | broker msgs/dispatch (pub/deliv) | PG xacts/dispatch | vs raw broker | vs raw verify | peak RSS MiB (gw/rt/vf/au/nt) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const { load } = row;
    const rss = row.peakRssBytes;
    lines.push(
      `| ${row.label} | ${row.concurrentSenders} | ${load.completed} | ${load.errors} | ${load.busyRefusals} | ` +
        `${load.dispatchesPerSecond.toFixed(1)} | ${load.latency.p50Ms.toFixed(0)} | ` +
        `${load.latency.p95Ms.toFixed(0)} | ${load.latency.p99Ms.toFixed(0)} | ` +
        `${row.publishesPerDispatch.toFixed(1)} / ${row.deliveriesPerDispatch.toFixed(1)} | ` +
        `${row.transactionsPerDispatch.toFixed(1)} | ` +
        `${percent(row.brokerRatio)} | ${percent(row.verificationRatio)} | ` +
        `${[rss.gateway, rss.router, rss.verifier, rss.audit, rss.notifier].map(mib).join(' / ')} |`,
    );
  }
  for (const { load, concurrentSenders, label } of rows.filter((r) => r.load.busyRefusals > 0)) {
    const wait = load.admissionWait;
    lines.push(
      '',
      `${load.busyRefusals} busy 503s at ${concurrentSenders} senders (${label}): held at the door before acceptance p50 / p95 / p99 ${wait.p50Ms.toFixed(0)} / ${wait.p95Ms.toFixed(0)} / ${wait.p99Ms.toFixed(0)} ms`,
    );
  }
  for (const row of rows.filter(({ load }) => load.retries > 0)) {
    lines.push(
      '',
      `${row.load.retries} inbox polls or acknowledgements sent again after a transient failure at ${row.concurrentSenders} senders (${row.label})`,
    );
  }
  const failures = rows.filter((row) => row.load.firstError);
  for (const row of failures) {
    lines.push(
      '',
      `first error at ${row.concurrentSenders} senders (${row.label}): ${row.load.firstError}`,
    );
  }
  return lines.join('\n');
}

/** Per scenario, the CPU milliseconds each process spent per completed dispatch ("n/a": no /proc). */
export function cpuTable(rows: readonly AxisScenarioRow[]): string {
  const columns = [...CPU_CONSUMERS, 'total'] as const;
  const heading = (c: (typeof columns)[number]) =>
    c === 'rabbitmq' ? 'RabbitMQ' : c === 'postgres' ? 'PostgreSQL (all)' : c;
  const cell = (ms: number | null) => (ms === null ? 'n/a' : ms.toFixed(1));
  return [
    `| CPU ms per dispatch | senders | ${columns.map(heading).join(' | ')} |`,
    `|---|---:|${columns.map(() => '---:').join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${row.label} | ${row.concurrentSenders} | ${columns.map((c) => cell(row.cpuMsPerDispatch[c])).join(' | ')} |`,
    ),
  ].join('\n');
}

/** Per scenario, the p50 / p95 of each stage a dispatch passes through. */
export function stageTable(rows: readonly AxisScenarioRow[]): string {
  const stages = rows[0]?.stages.map((s) => s.stage) ?? [];
  return [
    `| stage p50 / p95 ms | ${stages.join(' | ')} |`,
    `|---|${stages.map(() => '---:').join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${row.label}, ${row.concurrentSenders} senders | ${row.stages
          .map((s) => `${s.p50Ms.toFixed(0)} / ${s.p95Ms.toFixed(0)}`)
          .join(' | ')} |`,
    ),
  ].join('\n');
}

/**
 * RSS over the whole soak includes warm-up (V8 growing its young generation to
 * --max-semi-space-size and its old generation to the next collection's limit, native buffers and
 * pools filling); "flat" is judged on the second half: on RSS's floor (each minute's lowest point,
 * which garbage awaiting a collection does not lift and a leak does; the mean of the last tenth
 * when the soak is too short for floors), and on the heap after a full GC when the run has
 * `--heap-probe` (see bench/README.md).
 */
export function soakTable(soak: SoakResult): string {
  const heap = soak.heapAfterGc;
  const judgedRss = (app: AxisAppName) => soak.rssFloorSecondHalf[app] ?? soak.rssSecondHalf[app];
  const flat = (app: AxisAppName) =>
    judgedRss(app).growth <= AXIS_TARGETS.soakGrowth &&
    (!heap || heap[app].secondHalf.growth <= AXIS_TARGETS.soakGrowth);
  return [
    `| soak: ${soak.seconds} s at ${soak.concurrentSenders} senders, ${soak.dispatches} dispatches, ${soak.errors} errors, ${soak.busyRefusals} busy 503s, p99 ${soak.p99Ms.toFixed(0)} ms | RSS MiB, first / last 10 % | RSS growth | RSS growth, 2nd half | RSS floor MiB, 2nd half, first / last minute | RSS floor growth, 2nd half |` +
      (heap
        ? ' heap after GC MiB, first / last 10 % | heap growth | heap growth, 2nd half |'
        : '') +
      ` flat (2nd half ≤ ${percent(AXIS_TARGETS.soakGrowth)}) |`,
    `|---|---:|---:|---:|---:|---:|${heap ? '---:|---:|---:|' : ''}:-:|`,
    ...(Object.keys(soak.rss) as AxisAppName[]).map((app) => {
      const rss = soak.rss[app];
      const floor = soak.rssFloorSecondHalf[app];
      const h = heap?.[app];
      return (
        `| ${app} | ${mib(rss.firstBytes)} / ${mib(rss.lastBytes)} | ${percent(rss.growth)} | ${percent(soak.rssSecondHalf[app].growth)} |` +
        (floor
          ? ` ${mib(floor.firstBytes)} / ${mib(floor.lastBytes)} | ${percent(floor.growth)} |`
          : ' – | – |') +
        (h
          ? ` ${mib(h.whole.firstBytes)} / ${mib(h.whole.lastBytes)} | ${percent(h.whole.growth)} | ${percent(h.secondHalf.growth)} |`
          : '') +
        ` ${flat(app) ? 'yes' : 'NO'} |`
      );
    }),
  ].join('\n');
}

/** The issue's targets against the highest-concurrency 100 KB row. */
export function targetsTable(row: AxisScenarioRow): string {
  const check = (ok: boolean) => (ok ? 'yes' : 'NO');
  return [
    `| target (${row.label}) | measured | met |`,
    '|---|---:|:-:|',
    `| ≥ ${AXIS_TARGETS.dispatchesPerSecond} dispatches/s | ${row.load.dispatchesPerSecond.toFixed(1)} | ${check(row.load.dispatchesPerSecond >= AXIS_TARGETS.dispatchesPerSecond)} |`,
    `| p99 < ${AXIS_TARGETS.p99Ms} ms | ${row.load.latency.p99Ms.toFixed(0)} | ${check(row.load.latency.p99Ms < AXIS_TARGETS.p99Ms)} |`,
    `| zero errors | ${row.load.errors} | ${check(row.load.errors === 0)} |`,
    `| ≥ ${percent(AXIS_TARGETS.brokerRatio)} of raw broker | ${percent(row.brokerRatio)} | ${check(row.brokerRatio >= AXIS_TARGETS.brokerRatio)} |`,
  ].join('\n');
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(0);
}

/**
 * docaxis' highest-concurrency 100 KB row against the raw pipeline under the same load: how far
 * the axis is from what its parts carry on this machine with the least work a dispatch needs.
 */
export function rawPipelineTable(raw: RawPipelineResult, row?: AxisScenarioRow): string {
  const cpu = (ms: number | null | undefined) => (ms == null ? 'n/a' : ms.toFixed(1));
  const rawCpu = raw.cpuMsPerDispatch;
  const lines = [
    `| ${raw.concurrentSenders} senders, 2 PDFs of the same size | dispatches/s | p50 ms | p99 ms | errors | CPU ms/dispatch: own processes | RabbitMQ | PostgreSQL | total | the benchmark's client |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| raw pipeline (${raw.frontWorkers} front workers + router; ${raw.seconds} s) | ${raw.load.dispatchesPerSecond.toFixed(1)} | ${raw.load.latency.p50Ms.toFixed(0)} | ${raw.load.latency.p99Ms.toFixed(0)} | ${raw.load.errors} | ${cpu(rawCpu?.pipeline)} | ${cpu(rawCpu?.rabbitmq)} | ${cpu(rawCpu?.postgres)} | ${cpu(rawCpu?.total)} | ${cpu(raw.loadGeneratorCpuMsPerDispatch)} |`,
  ];
  if (row) {
    lines.push(
      `| docaxis (5 apps; ${row.label}) | ${row.load.dispatchesPerSecond.toFixed(1)} | ${row.load.latency.p50Ms.toFixed(0)} | ${row.load.latency.p99Ms.toFixed(0)} | ${row.load.errors} | ${cpu(appsCpu(row.cpuMsPerDispatch))} | ${cpu(row.cpuMsPerDispatch.rabbitmq)} | ${cpu(row.cpuMsPerDispatch.postgres)} | ${cpu(row.cpuMsPerDispatch.total)} | ${cpu(row.loadGeneratorCpuMsPerDispatch)} |`,
      `| docaxis ÷ raw pipeline | ${percent(row.load.dispatchesPerSecond / raw.load.dispatchesPerSecond)} | | | | | | | ${rawCpu && row.cpuMsPerDispatch.total !== null ? `${(row.cpuMsPerDispatch.total / rawCpu.total).toFixed(1)} ×` : 'n/a'} | |`,
    );
  }
  return lines.join('\n');
}

function appsCpu(cpu: CpuMsPerDispatch): number | null {
  const apps = CPU_CONSUMERS.filter((c) => c !== 'rabbitmq' && c !== 'postgres').map((c) => cpu[c]);
  return apps.some((ms) => ms === null)
    ? null
    : apps.reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
}

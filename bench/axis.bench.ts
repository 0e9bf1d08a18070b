/**
 * `npm run bench [-- --quick]`: docaxis end to end against the real RabbitMQ and PostgreSQL, next
 * to raw baselines measured in the same run. Every app runs compiled, as production runs it, in a
 * process of its own; agencies' document systems POST signed dispatches (two ~100 KB two-signature
 * PDFs, three recipients) and the recipients read their inboxes and acknowledge. Prints Markdown tables and writes
 * bench/results/axis-<timestamp>.json. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { INBOX_EVENT_TYPES } from '../apps/notifier/src/inbox-events/inbox-event-audience';
import { buildAxisApps } from './axis/axis-app-build';
import { AxisAppProcess, type AxisAppName } from './axis/axis-app-process';
import { parseAxisBenchArguments } from './axis/axis-bench-arguments';
import {
  baselineTable,
  cpuTable,
  scenarioTable,
  soakTable,
  stageTable,
  rawPipelineTable,
  targetsTable,
  type AxisScenarioRow,
  type BaselineRow,
  type SoakResult,
} from './axis/axis-bench-report';
import { createBenchEnvironment, type BenchEnvironment } from './axis/bench-environment';
import { DispatchLoad, type PdfAttachment, type SendingAgency } from './axis/dispatch-load';
import { GatewayClient } from './axis/gateway-client';
import { HeapProbe } from './axis/heap-probe';
import { measureRawBroker } from './axis/raw-broker-baseline';
import { measureRawPipeline } from './axis/raw-pipeline/raw-pipeline-baseline';
import { ScenarioCpuMeter } from './axis/scenario-cpu-meter';
import {
  secondHalfFloorGrowth,
  secondHalfGrowth,
  wholeSoakGrowth,
  type MemorySeries,
} from './axis/soak-memory';
import { BenchFailureError } from './support/bench-failure.error';
import { measureThroughput } from './support/throughput-meter';
import { stageLatencies } from './axis/stage-latencies';
import { RawVerificationBaseline } from './verify/raw-verification-baseline';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const APPS: readonly AxisAppName[] = ['audit', 'notifier', 'verifier', 'router', 'gateway'];
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H20', '000.00.14.H20'];
const SMALL_PDF_BYTES = 100 * 1024;
const LARGE_PDF_BYTES = 5 * 1024 * 1024;
/** docaxis' broker messages carry ids, not documents; the raw baseline uses a generous 1 KiB. */
const RAW_MESSAGE_BYTES = 1024;

interface PdfSet {
  bytes: number;
  bySender: Map<string, PdfAttachment[]>;
  /** Raw node:crypto verifications of one of these PDFs per second (both signatures). */
  rawVerificationsPerSecond: number;
}

async function main(): Promise<void> {
  const args = parseAxisBenchArguments(process.argv.slice(2));
  const repoRoot = resolve(__dirname, '..');
  progress('building the apps (tsc, as npm run build does, into dist/)');
  buildAxisApps(repoRoot);
  const env = await createBenchEnvironment(repoRoot, {
    logLevel: args.logLevel,
    admissionLimit: args.admissionLimit,
  });
  const apps: AxisAppProcess[] = [];
  const clients: GatewayClient[] = [];
  try {
    const senderCodes = env.pki.agencies.map((a) => a.code).filter((c) => !RECIPIENTS.includes(c));
    const measureSeconds = args.quick ? 0.5 : 3;
    progress(`signing fixtures for ${senderCodes.length} sending agencies`);
    const small = await pdfSet(env.pki, senderCodes, SMALL_PDF_BYTES, measureSeconds);
    const large = args.skipLarge
      ? null
      : await pdfSet(env.pki, senderCodes, LARGE_PDF_BYTES, measureSeconds);

    progress('raw broker baseline');
    const rawBroker = await measureRawBroker(
      env.amqpUrl,
      `${env.amqpPrefix}.raw-baseline`,
      RAW_MESSAGE_BYTES,
      args.quick ? 2 : 10,
    );
    const baselines: BaselineRow[] = [
      {
        label: 'amqplib → quorum queue → consumer',
        perSecond: rawBroker.perSecond,
        detail: `${rawBroker.messages} persistent ${RAW_MESSAGE_BYTES}-byte messages, publisher confirms (window 200), manual acks (prefetch 200)`,
      },
      {
        label: `node:crypto verify, ${kib(small.bytes)} PDF`,
        perSecond: small.rawVerificationsPerSecond,
        detail: 'SHA-256 over both signatures’ byte ranges + 2 RSA-2048 verifications',
      },
      ...(large
        ? [
            {
              label: `node:crypto verify, ${kib(large.bytes)} PDF`,
              perSecond: large.rawVerificationsPerSecond,
              detail: 'the same, on the large document',
            },
          ]
        : []),
    ];

    progress('raw pipeline: the same load on the least a dispatch needs, with no framework');
    const rawPipeline = await measureRawPipeline(
      env,
      senderCodes.map((code) => ({
        code,
        leaderName: env.pki.agency(code).leader.fullName,
        pdfs: small.bySender.get(code) ?? [],
      })),
      RECIPIENTS,
      {
        concurrentSenders: 64,
        seconds: args.scenarioSeconds,
        warmUpSeconds: args.quick ? 1 : 5,
        frontWorkers: cpus().length,
      },
    );
    baselines.push({
      label: `raw pipeline, 2 × ${kib(small.bytes)} PDFs, 64 senders`,
      perSecond: rawPipeline.load.dispatchesPerSecond,
      detail: `dispatches/s: the same load on node:https + multer + pg + amqplib, the least a dispatch needs (see bench/README.md), ${rawPipeline.load.errors} errors`,
    });

    if (args.baselinesOnly) {
      process.stdout.write(`\n${baselineTable(baselines)}\n\n${rawPipelineTable(rawPipeline)}\n`);
      return;
    }

    const heapProbe = args.heapProbe ? HeapProbe.prepare(env.workDir) : null;
    progress(`starting ${APPS.join(', ')} (one process each)`);
    const gatewayUrl = `https://127.0.0.1:${env.gatewayPort}`;
    for (const name of APPS) {
      const managementPort =
        name === 'gateway' ? env.gatewayManagementPort : env.workerHttpPorts[name];
      const readiness = { url: `http://127.0.0.1:${managementPort}/health/ready` };
      const nodeArgs = [
        ...(args.cpuProfileDir
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${resolve(args.cpuProfileDir)}`,
              `--cpu-prof-name=${name}.cpuprofile`,
            ]
          : []),
        ...(heapProbe ? heapProbe.nodeArgs : []),
      ];
      apps.push(
        await AxisAppProcess.start(
          name,
          repoRoot,
          { ...env.appEnv, ...heapProbe?.env },
          join(env.workDir, `${name}.log`),
          readiness,
          nodeArgs,
        ),
      );
    }
    const client = (credential: { certPem: string; keyPem: string }) => {
      const created = new GatewayClient(gatewayUrl, env.pki.server.caBundlePem, credential, 64);
      clients.push(created);
      return created;
    };
    const recipients = RECIPIENTS.map((code) => ({
      code,
      client: client(env.pki.agency(code).client),
    }));
    const sendersWith = (set: PdfSet): SendingAgency[] =>
      senderCodes.map((code) => ({
        code,
        leaderName: env.pki.agency(code).leader.fullName,
        client: client(env.pki.agency(code).client),
        pdfs: set.bySender.get(code) ?? [],
      }));
    const smallLoad = new DispatchLoad(sendersWith(small), recipients);

    // Warm-up: JIT, connection pools, queues declared by first use.
    await smallLoad.run({
      concurrentSenders: 4,
      seconds: args.quick ? 1 : 5,
      drainTimeoutMs: 60_000,
    });

    const rows: AxisScenarioRow[] = [];
    for (const concurrentSenders of [1, 8, 64]) {
      const seconds = concurrentSenders === 64 ? args.sustainSeconds : args.scenarioSeconds;
      progress(`${kib(small.bytes)} PDFs, ${concurrentSenders} concurrent senders, ${seconds} s`);
      rows.push(
        await scenario(env, apps, smallLoad, small, rawBroker.perSecond, {
          label: `2 × ${kib(small.bytes)} PDFs`,
          concurrentSenders,
          seconds,
        }),
      );
    }
    if (large) {
      const seconds = args.scenarioSeconds;
      progress(`${kib(large.bytes)} PDFs, 8 concurrent senders, ${seconds} s`);
      rows.push(
        await scenario(
          env,
          apps,
          new DispatchLoad(sendersWith(large), recipients),
          large,
          rawBroker.perSecond,
          {
            label: `2 × ${kib(large.bytes)} PDFs`,
            concurrentSenders: 8,
            seconds,
          },
        ),
      );
    }
    let soak: SoakResult | null = null;
    if (args.soakSeconds > 0) {
      progress(`soak: ${args.soakSeconds} s at ${args.soakSenders} concurrent senders`);
      soak = await soakRun(apps, smallLoad, args.soakSeconds, args.soakSenders, heapProbe);
    }

    const machine = {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
    };
    const sustained = rows.find(
      (row) => row.concurrentSenders === 64 && row.pdfBytes === small.bytes,
    );
    process.stdout.write(
      `\n## docaxis end-to-end benchmark${args.quick ? ' (quick smoke run: numbers are not meaningful)' : ''}\n\n` +
        `${machine.node}, ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB; every app and both servers on this machine; ` +
        `apps log at ${args.logLevel}; three recipients per dispatch; ${senderCodes.length} sending agencies\n\n` +
        `${baselineTable(baselines)}\n\n${scenarioTable(rows)}\n\n${cpuTable(rows)}\n\n${stageTable(rows)}\n\n` +
        (sustained ? `${targetsTable(sustained)}\n\n` : '') +
        (sustained ? `${rawPipelineTable(rawPipeline, sustained)}\n\n` : '') +
        (soak ? `${soakTable(soak)}\n` : ''),
    );
    const resultsDir = join(repoRoot, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const resultFile = join(
      resultsDir,
      `axis-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(
      resultFile,
      `${JSON.stringify({ benchmark: 'axis', at: new Date().toISOString(), arguments: args, machine, baselines, rawBroker, rawPipeline, rows, soak }, null, 2)}\n`,
    );
    process.stdout.write(`\nResults written to ${resultFile}\n`);
  } finally {
    for (const c of clients) c.close();
    for (const app of [...apps].reverse()) await app.stop();
    await env.dispose();
  }
}

async function pdfSet(
  pki: DevPki,
  senderCodes: readonly string[],
  targetBytes: number,
  measureSeconds: number,
): Promise<PdfSet> {
  // The two signing revisions add tens of KB: pad the unsigned PDF less so the signed file is
  // the size the case is named after.
  const unsignedSize = (await buildUnsignedPdf()).length;
  const overhead = (await signedDispatchPdf(pki, senderCodes[0])).length - unsignedSize;
  const bySender = new Map<string, PdfAttachment[]>();
  for (const code of senderCodes) {
    const pdfs: PdfAttachment[] = [];
    for (const [index, name] of ['cong-van.pdf', 'phu-luc.pdf'].entries()) {
      const bytes = await signedDispatchPdf(pki, code, {
        unsigned: { targetSizeBytes: targetBytes - overhead, title: `Văn bản ${index + 1} (TEST)` },
      });
      pdfs.push({ name, bytes });
    }
    bySender.set(code, pdfs);
  }
  const sample = bySender.get(senderCodes[0])![0].bytes;
  const verifier = await createDevPkiPdfVerifier(pki);
  const report = await verifier.verify(sample, { validationTime: new Date() });
  if (report.indication !== 'TOTAL-PASSED') {
    throw new BenchFailureError(
      'BENCH_FIXTURE_NOT_VALID',
      `the ${kib(sample.length)} fixture does not verify (${report.indication}): measuring refusals would be meaningless`,
    );
  }
  const baseline = new RawVerificationBaseline(
    sample,
    report.signatures.map((s) => s.coverage.byteRange),
  );
  const raw = await measureThroughput(() => baseline.verifyOnce(), measureSeconds);
  return { bytes: sample.length, bySender, rawVerificationsPerSecond: raw.perSecond };
}

async function scenario(
  env: BenchEnvironment,
  apps: readonly AxisAppProcess[],
  load: DispatchLoad,
  pdfs: PdfSet,
  rawBrokerPerSecond: number,
  spec: { label: string; concurrentSenders: number; seconds: number },
): Promise<AxisScenarioRow> {
  for (const app of apps) resetPeakMemory(app);
  const [{ now: startedAt }] = await env.db.query<{ now: Date }[]>('SELECT now()');
  const before = await brokerCounts(env);
  const cpu = ScenarioCpuMeter.start(apps);
  const loadGeneratorBefore = process.cpuUsage();
  const result = await load.run({
    concurrentSenders: spec.concurrentSenders,
    seconds: spec.seconds,
    drainTimeoutMs: 120_000,
  });
  // Statistics reach pg_stat_* within about a second of each backend's last transaction, and the
  // audit and status events of the last dispatches may still be in flight.
  await new Promise((r) => setTimeout(r, 2000));
  const after = await brokerCounts(env);
  // The window includes the settling pause: the last dispatches' audit and status work is theirs.
  const cpuMsPerDispatch = cpu.perDispatch(result.completed);
  const loadGenerator = process.cpuUsage(loadGeneratorBefore);
  const completed = Math.max(1, result.completed);
  const publishesPerDispatch = (after.published - before.published) / completed;
  const deliveriesPerDispatch = (after.delivered - before.delivered) / completed;
  const transactionsPerDispatch = (after.transactions - before.transactions) / completed;
  const filesPerDispatch = pdfs.bySender.values().next().value?.length ?? 2;
  return {
    label: spec.label,
    concurrentSenders: spec.concurrentSenders,
    pdfBytes: pdfs.bytes,
    load: result,
    publishesPerDispatch,
    deliveriesPerDispatch,
    transactionsPerDispatch,
    brokerRatio: (result.dispatchesPerSecond * deliveriesPerDispatch) / rawBrokerPerSecond,
    verificationRatio:
      (result.dispatchesPerSecond * filesPerDispatch) / pdfs.rawVerificationsPerSecond,
    stages: await stageLatencies(env.db, startedAt),
    cpuMsPerDispatch,
    loadGeneratorCpuMsPerDispatch: (loadGenerator.user + loadGenerator.system) / 1000 / completed,
    peakRssBytes: Object.fromEntries(
      apps.map((app) => [app.name, app.memory().peakRssBytes]),
    ) as Record<AxisAppName, number>,
  };
}

async function soakRun(
  apps: readonly AxisAppProcess[],
  load: DispatchLoad,
  seconds: number,
  concurrentSenders: number,
  heapProbe: HeapProbe | null,
): Promise<SoakResult> {
  const startedAt = Date.now();
  const since = (at: number) => (at - startedAt) / 1000;
  const rssSeries = new Map<AxisAppName, [number, number][]>(apps.map((app) => [app.name, []]));
  const timer = setInterval(() => {
    for (const app of apps)
      rssSeries.get(app.name)!.push([since(Date.now()), app.memory().rssBytes]);
  }, 1000);
  try {
    const result = await load.run({ concurrentSenders, seconds, drainTimeoutMs: 120_000 });
    const endedAt = Date.now();
    const perApp = <T>(of: (app: AxisAppProcess) => T) =>
      Object.fromEntries(apps.map((app) => [app.name, of(app)])) as Record<AxisAppName, T>;
    // Each app's probe file is read once, not once per figure drawn from it.
    const heapSeries = perApp((app): MemorySeries =>
      heapProbe
        ? heapProbe
            .samples(app.pid, startedAt, endedAt)
            .map((sample) => [since(sample.at), sample.heapUsedBytes] as const)
        : [],
    );
    return {
      seconds,
      concurrentSenders,
      dispatches: result.completed,
      errors: result.errors,
      busyRefusals: result.busyRefusals,
      p99Ms: result.latency.p99Ms,
      rss: perApp((app) => wholeSoakGrowth(rssSeries.get(app.name)!)),
      rssSecondHalf: perApp((app) => secondHalfGrowth(rssSeries.get(app.name)!)),
      rssFloorSecondHalf: perApp((app) => secondHalfFloorGrowth(rssSeries.get(app.name)!)),
      heapAfterGc: heapProbe
        ? perApp((app) => ({
            whole: wholeSoakGrowth(heapSeries[app.name]),
            secondHalf: secondHalfGrowth(heapSeries[app.name]),
          }))
        : null,
      series: perApp((app) => ({
        rss: rssSeries.get(app.name)!,
        heapAfterGc: heapSeries[app.name],
      })),
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Published = outbox rows inserted; delivered = consumers' idempotency records + the messages the
 * audit recorded, with the notifier's share counted from the audit (it records nothing for
 * agencies without a webhook, but the broker delivers it every inbox event: those types, once
 * each); transactions = the run database's commits and rollbacks (PostgreSQL counts a statement
 * outside BEGIN … COMMIT as a transaction of its own, so this is round trips more than business
 * units). A batched event (`dispatch.delivered.batch`, `…acknowledged.batch`) is one message but
 * one audit record per dispatch it lists: it is counted once, by the message id its records name
 * in `meta.batch`, and by the routing key it travelled under.
 */
async function brokerCounts(
  env: BenchEnvironment,
): Promise<{ published: number; delivered: number; transactions: number }> {
  const [row] = await env.db.query<
    { published: string; delivered: string; transactions: string }[]
  >(
    `WITH audited AS (
       SELECT DISTINCT ON (message) payload->'meta'->>'routingKey' AS routing_key
         FROM audit_records,
              LATERAL (SELECT coalesce(payload->'meta'->'batch'->>'messageId', event_id)) AS m(message)
     )
     SELECT (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'outbox_messages') AS published,
            (SELECT count(*) FROM processed_messages WHERE consumer <> 'notifier.inbox-events')
              + (SELECT count(*) FROM audited)
              + (SELECT count(*) FROM audited WHERE routing_key = ANY($1::varchar[]))
              AS delivered,
            (SELECT xact_commit + xact_rollback FROM pg_stat_database
              WHERE datname = current_database()) AS transactions`,
    [[...INBOX_EVENT_TYPES]],
  );
  return {
    published: Number(row.published),
    delivered: Number(row.delivered),
    transactions: Number(row.transactions),
  };
}

/** Linux: writing 5 to clear_refs resets the peak RSS (VmHWM), so each scenario has its own. */
function resetPeakMemory(app: AxisAppProcess): void {
  try {
    writeFileSync(`/proc/${app.pid}/clear_refs`, '5');
  } catch {
    // Not permitted here: the peak then covers the whole run so far, which the README says.
  }
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 2 ** 20).toFixed(1)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

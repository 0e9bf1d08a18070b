/**
 * `npm run bench:submission [-- --count N --concurrency C --log-level L]`: what one dispatch
 * submission costs the gateway, independent of machine load: CPU time (process.cpuUsage of the
 * gateway's process) and SQL statements per POST /api/v1/dispatches (a JSON envelope, two
 * ~100 KB signed PDFs, three recipients). The gateway runs alone in this process (no workers:
 * its outbox relay still publishes); the client sends from a process of its own.
 * `--callgrind` (the gateway under valgrind's callgrind, `--instr-atstart=no`) counts the
 * window's instructions only; `--alloc-prof FILE` samples where it allocates. Each run also
 * reports the window's garbage collections.
 * `--measure inbox-polls`: the same per empty GET /api/v1/inbox (the recipients' poll, no wait),
 * warm-up included.
 */
import { execFile, fork } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { topologyNames } from '@docaxis/messaging/topology/topology-names';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { startAxis } from '@docaxis/testing/running-axis';
import { SqlStatementCounter } from '@docaxis/testing/sql-statement-counter';
import { dropRunDatabases } from '@docaxis/testing/test-database';
import { TEST_RUN_ENV, testRunDir } from '@docaxis/testing/test-run';
import { BenchArgumentError } from './support/bench-argument-error';
import { GcMeter } from './submission/gc-meter';
import { parseSubmissionBenchArguments } from './submission/submission-bench-arguments';
import type { SubmissionClientSetup } from './submission/submission-client';

const SENDER = '000.00.00.G22';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H20', '000.00.14.H20'];

async function main(): Promise<void> {
  const options = parseSubmissionBenchArguments(process.argv.slice(2));
  process.env[TEST_RUN_ENV] ??= `bsub${process.pid}`;
  const workDir = mkdtempSync(join(tmpdir(), 'docaxis-bench-submission-'));
  // Every pg client of this process: the gateway's, its outbox relay's included.
  const sql = new SqlStatementCounter().install();
  const axis = await startAxis(
    'bench-submission',
    // No verifier runs, so every submission stays awaiting verification: admission control
    // would refuse all after its first ADMISSION_MAX_PENDING_VERIFICATION (0 turns it off).
    {
      LOG_LEVEL: options.logLevel,
      RATE_LIMIT_PER_AGENCY: '0',
      ADMISSION_MAX_PENDING_VERIFICATION: '0',
    },
    { outOfProcess: ['audit', 'verifier', 'router', 'notifier'] },
  );
  // No worker runs, so a queue of the bench's own makes the events routable (the relay would
  // otherwise retry unroutable messages and be measured doing so); it goes with its connection.
  const broker = await connect(axis.env.AMQP_URL!);
  try {
    const channel = await broker.createChannel();
    const sink = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(sink.queue, topologyNames(axis.env.AMQP_PREFIX!).eventsExchange, '#');
    await channel.consume(sink.queue, () => undefined, { noAck: true });
    const pdfPaths = await Promise.all(
      [0, 1].map(async (index) => {
        const path = join(workDir, `${index}.pdf`);
        writeFileSync(
          path,
          await signedDispatchPdf(axis.pki, SENDER, {
            unsigned: { targetSizeBytes: 80 * 1024, title: `Văn bản ${index + 1} (TEST)` },
          }),
        );
        return path;
      }),
    );
    const credential = axis.pki.agency(SENDER).client;
    const setup: SubmissionClientSetup = {
      gatewayUrl: axis.gatewayUrl,
      caPem: axis.pki.server.caBundlePem,
      certPem: credential.certPem,
      keyPem: credential.keyPem,
      senderCode: SENDER,
      recipientCodes: RECIPIENTS,
      pdfPaths,
      measure: options.measure,
      warmup: Math.max(options.warmup, options.concurrency),
      count: options.count,
      concurrency: options.concurrency,
    };
    const setupPath = join(workDir, 'setup.json');
    writeFileSync(setupPath, JSON.stringify(setup));
    const child = fork(join(__dirname, 'submission/submission-client.ts'), [setupPath], {
      execArgv: ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register'],
      env: { ...process.env, TS_NODE_SWC: 'true', TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    const profiler = new Session();
    profiler.connect();
    const gc = new GcMeter();
    let cpuBefore = process.cpuUsage();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const elapsedMs = await new Promise<number>((resolve, reject) => {
      child.on('message', (message: { kind: string; ms?: number }) => {
        if (message.kind === 'warm') {
          void measuredWindow(options.callgrind, 'on').then(() => {
            if (options.allocationProfile) {
              void profiler.post('HeapProfiler.enable').then(() =>
                profiler.post('HeapProfiler.startSampling', {
                  samplingInterval: 4096,
                  // Node 20's V8 takes these, its typings do not know them yet.
                  includeObjectsCollectedByMajorGC: true,
                  includeObjectsCollectedByMinorGC: true,
                } as { samplingInterval: number }),
              );
            }
            if (options.cpuProfile) {
              void profiler.post('Profiler.enable').then(() => profiler.post('Profiler.start'));
            }
            sql.counting = true;
            gc.start();
            cpuBefore = process.cpuUsage();
            child.send({ kind: 'go' });
          }, reject);
        } else if (message.kind === 'done') resolve(message.ms ?? 0);
      });
      void exited.then((code) => reject(new Error(`the client exited (${code}) before done`)));
    });
    const cpu = process.cpuUsage(cpuBefore);
    const collections = gc.stop();
    await measuredWindow(options.callgrind, 'off');
    sql.counting = false;
    if (options.allocationProfile) {
      const { profile } = await profiler.post('HeapProfiler.stopSampling');
      writeFileSync(options.allocationProfile, JSON.stringify(profile));
    }
    if (options.cpuProfile) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(options.cpuProfile, JSON.stringify(profile));
    }
    profiler.disconnect();
    await exited;
    const perDispatch = (value: number) => (value / options.count).toFixed(2);
    const what = options.measure === 'submissions' ? 'submission' : 'inbox poll';
    const total = [...sql.counts.values()]
      .flatMap((kinds) => [...kinds.values()])
      .reduce((sum, n) => sum + n, 0);
    console.log(
      `${options.count} ${what}s, ${options.concurrency} in flight, LOG_LEVEL=${options.logLevel}: ` +
        `${((options.count / elapsedMs) * 1000).toFixed(1)}/s`,
    );
    console.log(
      `gateway CPU per ${what}: ${perDispatch((cpu.user + cpu.system) / 1000)} ms ` +
        `(user ${perDispatch(cpu.user / 1000)}, system ${perDispatch(cpu.system / 1000)})`,
    );
    console.log(`SQL statements per ${what}: ${perDispatch(total)}`);
    const { scavenges, markCompacts } = collections;
    console.log(
      `GC in the window: ${scavenges.count} scavenges (${scavenges.ms.toFixed(0)} ms), ` +
        `${markCompacts.count} mark-compacts (${markCompacts.ms.toFixed(0)} ms); ` +
        `per ${what}: ${perDispatch(scavenges.count + markCompacts.count)} collections, ` +
        `${perDispatch(scavenges.ms + markCompacts.ms)} ms of pauses`,
    );
    console.log(sql.report(options.count));
  } finally {
    sql.uninstall();
    await broker.close();
    await axis.stop();
    await dropRunDatabases();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(testRunDir(), { recursive: true, force: true });
  }
}

/** Under callgrind (`--callgrind`), starts or ends the instrumented window of this process. */
async function measuredWindow(callgrind: boolean, instrumentation: 'on' | 'off'): Promise<void> {
  if (!callgrind) return;
  await promisify(execFile)('callgrind_control', ['-i', instrumentation, String(process.pid)]);
}

main().catch((error: unknown) => {
  // A refused argument is the user's to fix: its message, not a stack trace.
  console.error(error instanceof BenchArgumentError ? `bench:submission: ${error.message}` : error);
  process.exit(1);
});

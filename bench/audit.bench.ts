/**
 * `npm run bench:audit [-- --events N | --quick] [--keep]`: seeds an audit chain of N events
 * (default 1,000,000; --quick 20,000) with its dispatches and signed checkpoints (every 10,000)
 * into a database of its own, then prints:
 * - p95 of auditors' searches through AuditSearchRepository next to the very same SQL run on a
 *   bare pg connection (the baseline);
 * - full trail verification (chain + checkpoints) on a tenth of the chain and on all of it, with
 *   the peak heap and RSS growth: equal growth for 10x the records is the constant-memory claim.
 * The database is dropped at the end unless --keep (a kept one is reused when large enough), and
 * so is the TEST PKI whose axis certificate signed its checkpoints ($TMPDIR/<database>-pki): a
 * kept database is verified with the PKI kept beside it.
 */
import { Client } from 'pg';
import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { CheckpointSigner } from '@docaxis/audit-trail/checkpoints/checkpoint-signer';
import { checkpointStatementBytes } from '@docaxis/audit-trail/checkpoints/checkpoint-statement';
import { AuditExporter } from '@docaxis/audit-trail/export/audit-exporter';
import { createAuditTrailVerifier } from '@docaxis/audit-trail/verification/create-audit-trail-verifier';
import {
  SEED_EPOCH,
  SEEDED_AGENCIES,
  seedAuditChain,
  seedDispatchesForChain,
  seededDispatchId,
} from '@docaxis/audit-trail/testing/audit-chain-seeder';
import { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import {
  AuditSearchRepository,
  type AuditEventFilter,
} from '@docaxis/persistence/audit/audit-search.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';
import {
  percentile,
  searchTable,
  verifyTable,
  type SearchBenchRow,
  type VerifyBenchRow,
} from './audit/audit-bench-report';
import { parseAuditBenchArguments } from './audit/audit-bench-arguments';

const CHECKPOINT_EVERY = 10_000;
const RUNS_PER_SEARCH = 60;

export interface AuditBenchResult {
  searches: SearchBenchRow[];
  verifications: VerifyBenchRow[];
}

/** Seeds, measures and prints; `serverUrl` is any database URL of the PostgreSQL server to use. */
export async function runAuditBench(options: {
  events: number;
  keep: boolean;
  serverUrl: string;
  databaseName?: string;
  out?: { write(text: string): unknown };
}): Promise<AuditBenchResult> {
  const { events, keep } = options;
  const out = options.out ?? process.stdout;
  const url = new URL(options.serverUrl);
  const databaseName = options.databaseName ?? `docaxis_bench_audit_${events}`;
  url.pathname = `/${databaseName}`;
  // Beside the database: a new PKI would make every checkpoint of a kept database a
  // BAD_CHECKPOINT_SIGNATURE. Its CRLs play no part here, so their age never regenerates it.
  const pkiDir = join(tmpdir(), `${databaseName}-pki`);
  const { pki, generatedBecause } = await ensureDevPki({
    outDir: pkiDir,
    agencies: readDevAgenciesFile(resolve(__dirname, '../certs/dev-agencies.json')),
    minRemainingCrlValidityMs: Number.NEGATIVE_INFINITY,
  });
  if (generatedBecause !== null) {
    // A database kept with another PKI (or none) cannot be verified with this one: seed anew.
    await dropDatabase(url);
  }
  await prepareDatabase(url.toString(), 'bench-audit');
  const dataSource = await new DataSource(
    dataSourceOptions({ url: url.toString(), poolSize: 4, applicationName: 'bench-audit' }),
  ).initialize();
  try {
    await seed(dataSource, events, new CheckpointSigner(pki.axis.certPem, pki.axis.keyPem));
    await dataSource.query('ANALYZE audit_records; ANALYZE dispatches');

    const searchRows = await benchSearches(dataSource, url.toString(), events);
    const verifier = createAuditTrailVerifier(dataSource, pki.axis.certPem);
    const verifyRows: VerifyBenchRow[] = [];
    for (const [label, toSeq] of [
      [`first tenth (seq 1..${events / 10})`, Math.floor(events / 10)],
      ['whole trail', undefined],
    ] as const) {
      verifyRows.push(await measureVerification(label, () => verifier.verify({ toSeq })));
    }
    // Incremental: from a signed checkpoint, only the records after it are walked. The latest
    // one is the head here (a checkpoint every 10,000 up to the last record); the one before it
    // is what a verify costs with a whole checkpoint interval still unsigned.
    const latest = await verifier.verifyFromCheckpoint();
    verifyRows.push(
      await measureVerification(`from the latest checkpoint (seq ${latest.scope.firstSeq})`, () =>
        verifier.verifyFromCheckpoint(),
      ),
    );
    const previous = latest.scope.firstSeq - CHECKPOINT_EVERY;
    if (previous > 0) {
      verifyRows.push(
        await measureVerification(`from checkpoint seq ${previous} (one interval)`, () =>
          verifier.verifyFromCheckpoint({ checkpointSeq: previous }),
        ),
      );
    }
    // An export verifies as /audit/verify does (from the latest checkpoint), then streams.
    const exporter = new AuditExporter(
      new AuditSearchRepository(dataSource),
      new AuditRecordRepository(dataSource),
      verifier,
    );
    verifyRows.push(
      await measureVerification(
        'export: one dispatch as CSV, verified from the latest checkpoint',
        async () => {
          const header = await exporter.header();
          await exporter.writeCsv({ dispatchId: seededDispatchId(0) }, header, discard());
          return header.verification;
        },
      ),
    );
    out.write(`\naudit benchmark: ${events} events, checkpoints every ${CHECKPOINT_EVERY}\n\n`);
    out.write(`${searchTable(searchRows)}\n\n${verifyTable(verifyRows)}\n`);
    return { searches: searchRows, verifications: verifyRows };
  } finally {
    await dataSource.destroy();
    if (!keep) {
      await dropDatabase(url);
      rmSync(pkiDir, { recursive: true, force: true });
    }
  }
}

/** A sink for the CSV export: only its verification and streaming are measured. */
function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, callback) => callback() });
}

async function dropDatabase(url: URL): Promise<void> {
  const admin = new Client({ connectionString: new URL('/postgres', url).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Seeds up to `events` (a kept database is topped up) with a checkpoint every CHECKPOINT_EVERY. */
async function seed(
  dataSource: DataSource,
  events: number,
  signer: CheckpointSigner,
): Promise<void> {
  const records = new AuditRecordRepository(dataSource);
  const checkpoints = new AuditCheckpointRepository(dataSource);
  await seedDispatchesForChain(dataSource, Math.ceil(events / 5));
  const started = Date.now();
  let head = await records.head();
  while ((head?.seq ?? 0) < events) {
    const batch = Math.min(
      CHECKPOINT_EVERY - ((head?.seq ?? 0) % CHECKPOINT_EVERY),
      events - (head?.seq ?? 0),
    );
    head = await seedAuditChain(dataSource, batch);
    const createdAt = new Date(SEED_EPOCH + head.seq);
    const statement = { headSeq: head.seq, headHash: head.hash, createdAt };
    await checkpoints.insert({
      ...statement,
      signedData: signer.sign(checkpointStatementBytes(statement), createdAt),
      signerSubject: signer.subject,
      timestampToken: null,
      tsaUrl: null,
    });
    process.stderr.write(
      `\rseeded ${head.seq}/${events} (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }
  process.stderr.write('\n');
}

async function benchSearches(
  dataSource: DataSource,
  url: string,
  events: number,
): Promise<SearchBenchRow[]> {
  const search = new AuditSearchRepository(dataSource);
  const raw = new Client({ connectionString: url });
  await raw.connect();
  const dispatches = Math.ceil(events / 5);
  const pick = (n: number) => Math.floor(Math.random() * n);
  const mid = SEED_EPOCH + Math.floor(events / 2);
  const cases: Array<[string, () => AuditEventFilter]> = [
    ['by dispatch', () => ({ dispatchId: seededDispatchId(pick(dispatches)) })],
    ['by agency (sender or recipient)', () => ({ agencyCode: SEEDED_AGENCIES[pick(60)] })],
    [
      'by agency + event type + time range',
      () => ({
        agencyCode: SEEDED_AGENCIES[pick(60)],
        eventTypes: ['dispatch.delivered'],
        from: new Date(mid - 3_600_000),
        to: new Date(mid),
      }),
    ],
    ['by event type', () => ({ eventTypes: ['dispatch.fetched'] })],
    [
      'by number and notation',
      () => ({ codeNumber: String(pick(dispatches)), codeNotation: 'CV-BENCH' }),
    ],
    ['by dispatch state (routed)', () => ({ dispatchState: 'routed' })],
  ];
  const rows: SearchBenchRow[] = [];
  try {
    for (const [label, filterOf] of cases) {
      const docaxis: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < RUNS_PER_SEARCH; run++) {
        const request = { filter: filterOf(), order: 'desc' as const, limit: 50 };
        const { sql, params } = search.pageQuery(request);
        let t = performance.now();
        await search.page(request);
        docaxis.push(performance.now() - t);
        t = performance.now();
        await raw.query(sql, params);
        baseline.push(performance.now() - t);
      }
      rows.push({
        label,
        runs: RUNS_PER_SEARCH,
        docaxisP95Ms: percentile(docaxis, 95),
        rawP95Ms: percentile(baseline, 95),
      });
    }
  } finally {
    await raw.end();
  }
  return rows;
}

async function measureVerification(
  label: string,
  verify: () => Promise<{ ok: boolean; recordsChecked: number }>,
): Promise<VerifyBenchRow> {
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  // Collect first, then sample: the live heap, not the garbage a page leaves until the next GC.
  const sampler = setInterval(() => {
    global.gc?.();
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 1000);
  const started = performance.now();
  const result = await verify();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    label,
    records: result.recordsChecked,
    seconds,
    peakHeapGrowthMb: mb(peakHeap - before.heapUsed),
    peakRssGrowthMb: mb(peakRss - before.rss),
    ok: result.ok,
  };
}

if (require.main === module) {
  const { events, keep } = parseAuditBenchArguments(process.argv.slice(2));
  runAuditBench({
    events,
    keep,
    serverUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

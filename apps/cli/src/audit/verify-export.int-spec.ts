import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { canonicalJson } from '@docaxis/audit-trail/chain/canonical-json';
import { seedAuditChain, seededDispatchId } from '@docaxis/audit-trail/testing/audit-chain-seeder';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { runCliCaptured, type CapturedCliRun } from '../testing/captured-cli-run';
import { COL, rehashed, type Rows } from '../testing/exported-csv-rows';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

describe('docaxis audit verify-export: an export checked without the database (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let whole: Rows;
  const manifest = (): string => join(dir, 'whole.manifest.json');

  function cli(...argv: string[]): Promise<CapturedCliRun> {
    return runCliCaptured(argv, env);
  }

  /** Writes the tampered rows and verifies them, with the whole export's manifest or without. */
  async function verify(rows: Rows, withManifest = false): Promise<CapturedCliRun> {
    const file = join(dir, 'tampered.csv');
    writeFileSync(file, stringify(rows));
    return withManifest
      ? cli('audit', 'verify-export', file, '--manifest', manifest())
      : cli('audit', 'verify-export', file);
  }

  beforeAll(async () => {
    const url = await createTestDatabase('cli-verify-export');
    const pki = await testPki();
    env = { DATABASE_URL: url, AXIS_SIGNING_CERT_FILE: pki.axis.certPath, DOCAXIS_LANG: 'en' };
    dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
    await seedAuditChain(dataSource, 30);
    dir = temporaryDirectory('audit-verify-export-');
    const exported = await cli(
      'audit',
      'export',
      '--out',
      join(dir, 'whole.csv'),
      '--manifest',
      manifest(),
    );
    expect(exported.code).toBe(0);
    whole = parse(readFileSync(join(dir, 'whole.csv'), 'utf8'));
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('verifies an untouched export, whole (against its manifest) or filtered', async () => {
    const ok = await cli(
      'audit',
      'verify-export',
      join(dir, 'whole.csv'),
      '--manifest',
      manifest(),
    );
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(
      /^OK: 30 records and 29 links between consecutive records verified; last record seq 30 [0-9a-f]{64}\n {2}complete: every record from seq 1 to the head seq 30 its manifest pinned\n$/,
    );
    const filtered = join(dir, 'dispatch.csv');
    expect(
      (await cli('audit', 'export', '--dispatch', seededDispatchId(2), '--out', filtered)).code,
    ).toBe(0);
    const vi = await cli('audit', 'verify-export', filtered, '--lang', 'vi');
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/^TOÀN VẸN: đã kiểm tra 5 bản ghi và 4 liên kết/);
  });

  it('fails on any field changed: payload, actor, time, type, seq', async () => {
    const cases: [string, (row: string[]) => void, string][] = [
      [
        'payload',
        (row) => (row[COL.payload] = canonicalJson({ ...JSON.parse(row[COL.payload]), n: 99 })),
        "the record's payload was altered",
      ],
      ['actor', (row) => (row[COL.actor] = 'CN=someone else'), 'the record was altered'],
      [
        'time',
        (row) => (row[COL.occurredAt] = '2026-01-01T00:00:00.999Z'),
        'the record was altered',
      ],
      ['type', (row) => (row[COL.eventType] = 'dispatch.acknowledged'), 'the record was altered'],
      ['digest', (row) => (row[COL.digest] = 'e'.repeat(64)), "the record's payload was altered"],
    ];
    for (const [, change, words] of cases) {
      const rows = whole.map((row) => [...row]);
      change(rows[12]);
      const result = await verify(rows);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`BROKEN at line 13 (seq 12): ${words}`);
    }
    const renumbered = whole.map((row) => [...row]);
    renumbered[12][COL.seq] = '40';
    expect((await verify(renumbered)).stdout).toContain(
      'BROKEN at line 13 (seq 40): the record was altered',
    );
  });

  it('fails on a record re-hashed, removed, inserted, swapped, or a tail cut or rewritten', async () => {
    // One record changed and re-hashed: the next one no longer links to it.
    const forged = whole.map((row) => [...row]);
    forged[12][COL.actor] = 'forger';
    forged[12] = rehashed(forged[12], forged[11][COL.hash]);
    expect((await verify(forged)).stdout).toContain(
      'BROKEN at line 14 (seq 13): the record does not link',
    );
    // Two swapped.
    const swapped = whole.map((row) => [...row]);
    [swapped[5], swapped[6]] = [swapped[6], swapped[5]];
    expect((await verify(swapped)).stdout).toContain('(seq 5): the record does not come after');
    // One inserted: a copy of a record.
    const inserted = [...whole.slice(0, 8), whole[7], ...whole.slice(8)];
    expect((await verify(inserted)).code).toBe(1);
    // One removed from the middle: a filtered export could have skipped it, so only the whole
    // export's manifest shows it.
    const removed = [...whole.slice(0, 8), ...whole.slice(9)];
    expect((await verify(removed)).code).toBe(0);
    const gap = await verify(removed, true);
    expect(gap.code).toBe(1);
    expect(gap.stdout).toContain('BROKEN at line 9 (seq 9): the whole-trail export misses records');
    // The last records cut off, or the tail rewritten and re-hashed consistently.
    const cut = whole.slice(0, -2);
    expect((await verify(cut)).code).toBe(0);
    expect((await verify(cut, true)).stdout).toContain(
      'does not end at the head its manifest pinned',
    );
    const rewritten = whole.map((row) => [...row]);
    for (let i = 20; i < rewritten.length; i++) {
      if (i === 20) rewritten[i][COL.actor] = 'forger';
      rewritten[i] = rehashed(rewritten[i], rewritten[i - 1][COL.hash]);
    }
    expect((await verify(rewritten)).code).toBe(0);
    const caught = await verify(rewritten, true);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('(seq 30): the whole-trail export does not end at the head');
  });

  it('refuses what is not an export (exit 1) and a file it cannot read (exit 2)', async () => {
    const notAnExport = await verify([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(notAnExport.code).toBe(1);
    expect(notAnExport.stdout).toContain('BROKEN at line 1: the file is not an audit CSV export');
    const missing = await cli('audit', 'verify-export', join(dir, 'none.csv'));
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('none.csv cannot be read');
  });
});

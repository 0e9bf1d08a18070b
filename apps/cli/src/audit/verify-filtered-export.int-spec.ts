import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { AuditExporter } from '@docaxis/audit-trail/export/audit-exporter';
import { ExportSelection } from '@docaxis/audit-trail/export/export-selection';
import {
  SEED_EPOCH,
  SEEDED_AGENCIES,
  seedAuditChain,
  seedDispatchesForChain,
} from '@docaxis/audit-trail/testing/audit-chain-seeder';
import { createAuditTrailVerifier } from '@docaxis/audit-trail/verification/create-audit-trail-verifier';
import type { AuditEventFilter } from '@docaxis/persistence/audit/audit-search.repository';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { AuditSearchRepository } from '@docaxis/persistence/audit/audit-search.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';
import { runCliCaptured, type CapturedCliRun } from '../testing/captured-cli-run';
import { COL, rehashed, type Rows } from '../testing/exported-csv-rows';

const temporaryDirectory = temporaryDirectories();

/** A filtered export's records are far apart in the chain: no link shows one removed. */
describe('docaxis audit verify-export of a filtered export: complete, as stated or against the database (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let exporter: AuditExporter;

  function cli(...argv: string[]): Promise<CapturedCliRun> {
    return runCliCaptured(argv, env);
  }

  /** Exports with these filters and a manifest; the rows (header first) and the manifest's path. */
  async function exported(
    name: string,
    ...filter: string[]
  ): Promise<{ rows: Rows; manifest: string }> {
    const out = join(dir, `${name}.csv`);
    const manifest = join(dir, `${name}.manifest.json`);
    const run = await cli('audit', 'export', ...filter, '--out', out, '--manifest', manifest);
    expect(run.code).toBe(0);
    return { rows: parse(readFileSync(out, 'utf8')), manifest };
  }

  /** Writes the rows and verifies them against the manifest, offline or against the database. */
  async function verify(
    rows: Rows,
    manifest: string,
    mode: 'offline' | 'database',
    ...options: string[]
  ): Promise<CapturedCliRun> {
    const file = join(dir, 'handed-over.csv');
    writeFileSync(file, stringify(rows));
    const database = mode === 'database' ? ['--database'] : [];
    return cli('audit', 'verify-export', file, '--manifest', manifest, ...database, ...options);
  }

  /** Verifies offline and against the database; both must fail: what each printed. */
  async function brokenBoth(
    rows: Rows,
    manifest: string,
  ): Promise<{ offline: string; online: string }> {
    const offline = await verify(rows, manifest, 'offline');
    const online = await verify(rows, manifest, 'database');
    expect([offline.code, online.code]).toEqual([1, 1]);
    return { offline: offline.stdout, online: online.stdout };
  }

  beforeAll(async () => {
    const url = await createTestDatabase('cli-verify-filtered-export');
    const pki = await testPki();
    env = { DATABASE_URL: url, AXIS_SIGNING_CERT_FILE: pki.axis.certPath, DOCAXIS_LANG: 'en' };
    dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
    await seedAuditChain(dataSource, 30);
    // The dispatches of those 30 records (0..5, number = index, state routed): the API's
    // filters by the dispatch's current state have rows to read.
    await seedDispatchesForChain(dataSource, 6);
    // As the gateway builds it (apps/gateway/src/audit/audit.module.ts).
    exporter = new AuditExporter(
      new AuditSearchRepository(dataSource),
      new AuditRecordRepository(dataSource),
      createAuditTrailVerifier(dataSource, readFileSync(pki.axis.certPath, 'utf8')),
    );
    dir = temporaryDirectory('audit-verify-filtered-export-');
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('states its filter and the records it holds, and verifies untouched by each filter', async () => {
    const fetched = await exported('fetched', '--type', 'dispatch.fetched');
    expect(fetched.rows.slice(1).map((row) => row[COL.seq])).toEqual([
      '5',
      '10',
      '15',
      '20',
      '25',
      '30',
    ]);
    expect(JSON.parse(readFileSync(fetched.manifest, 'utf8'))).toMatchObject({
      v: 'docaxis-audit-export-manifest/2',
      filter: { eventTypes: ['dispatch.fetched'] },
      head: { seq: 30 },
      selection: {
        count: 6,
        firstSeq: 5,
        lastSeq: 30,
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    const offline = await verify(fetched.rows, fetched.manifest, 'offline');
    expect(offline).toMatchObject({ code: 0, stderr: '' });
    expect(offline.stdout).toContain(
      'as its manifest states: 6 records selected by its filter up to seq 30. The manifest is not signed',
    );
    const online = await verify(fetched.rows, fetched.manifest, 'database');
    expect(online).toMatchObject({ code: 0, stderr: '' });
    // The trail the filter is re-run on is verified up to the pinned head first.
    expect(online.stdout).toMatch(/^OK: 30 records verified; head seq 30 /);
    expect(online.stdout).toContain(
      "complete against the database: the manifest's filter re-run up to seq 30 selects exactly these 6 records, with the same hashes",
    );
    // A PDF shows the first 2,000 records: its manifest states every record the filter selects.
    const pdfManifest = join(dir, 'fetched-pdf.manifest.json');
    const pdf = await cli(
      'audit',
      'export',
      '--type',
      'dispatch.fetched',
      '--format',
      'pdf',
      '--out',
      join(dir, 'fetched.pdf'),
      '--manifest',
      pdfManifest,
    );
    expect(pdf.code).toBe(0);
    expect(JSON.parse(readFileSync(pdfManifest, 'utf8')).selection).toEqual(
      JSON.parse(readFileSync(fetched.manifest, 'utf8')).selection,
    );
    // The filter re-run by SQL and the rule the offline check applies to each record agree.
    const filters: [string, string[], number][] = [
      ['actor', ['--actor', 'CN=seeded agency system'], 6],
      ['agency', ['--agency', SEEDED_AGENCIES[1]], 7],
      [
        'range',
        [
          '--from',
          new Date(SEED_EPOCH + 10).toISOString(),
          '--to',
          new Date(SEED_EPOCH + 20).toISOString(),
        ],
        10,
      ],
    ];
    for (const [name, args, count] of filters) {
      const { rows, manifest } = await exported(name, ...args);
      expect(rows.length - 1).toBe(count);
      expect((await verify(rows, manifest, 'offline')).code).toBe(0);
      const checked = await verify(rows, manifest, 'database');
      expect(checked.code).toBe(0);
      expect(checked.stdout).toContain(`selects exactly these ${count} records`);
    }
  });

  it('reports a record removed from the middle: incomplete offline, named by the database', async () => {
    const { rows, manifest } = await exported('fetched-removed', '--type', 'dispatch.fetched');
    const removed = rows.filter((row) => row[COL.seq] !== '15');
    const { offline, online } = await brokenBoth(removed, manifest);
    expect(offline).toContain(
      'BROKEN at line 6: the export is INCOMPLETE: it holds fewer records than its manifest states\n  the file holds 5 records, the manifest states 6',
    );
    expect(online).toContain(
      'BROKEN at line 4 (seq 15): the export is MISSING a record that its filter, re-run on the database, selects\n  the database selects seq 15 (dispatch.fetched,',
    );
    expect(online).toContain('the file has seq 20 next');
    const vi = await cli(
      'audit',
      'verify-export',
      join(dir, 'handed-over.csv'),
      '--manifest',
      manifest,
      '--database',
      '--lang',
      'vi',
    );
    expect(vi.stdout).toContain(
      'SAI LỆCH tại dòng 4 (bản ghi số 15): bản xuất THIẾU một bản ghi mà bộ lọc, chạy lại trên cơ sở dữ liệu, chọn',
    );

    // The holder rewrites the manifest's selection too: offline nothing shows it (the manifest
    // is not signed, as the help says); the database still names the record.
    const forged = JSON.parse(readFileSync(manifest, 'utf8'));
    const selection = new ExportSelection();
    for (const row of removed.slice(1)) selection.add(Number(row[COL.seq]), row[COL.hash]);
    forged.selection = selection.summary();
    const forgedManifest = join(dir, 'forged.manifest.json');
    writeFileSync(forgedManifest, JSON.stringify(forged));
    expect((await verify(removed, forgedManifest, 'offline')).code).toBe(0);
    const caught = await verify(removed, forgedManifest, 'database');
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('BROKEN at line 4 (seq 15): the export is MISSING a record');
  });

  it('reports the last record of a time range removed, by seq, offline and by the database', async () => {
    const { rows, manifest } = await exported(
      'range-cut',
      '--from',
      new Date(SEED_EPOCH + 10).toISOString(),
      '--to',
      new Date(SEED_EPOCH + 20).toISOString(),
    );
    expect(JSON.parse(readFileSync(manifest, 'utf8')).filter).toEqual({
      from: '2026-01-01T00:00:00.010Z',
      to: '2026-01-01T00:00:00.020Z',
    });
    const { offline, online } = await brokenBoth(rows.slice(0, -1), manifest);
    expect(offline).toContain('(seq 19): the export is INCOMPLETE');
    expect(offline).toContain('its last record, seq 19, is missing');
    expect(online).toContain('(seq 19): the export is MISSING a record');
    expect(online).toContain('the file ends before it');
  });

  it('reports a record altered and re-hashed, or one added from outside the filter', async () => {
    const { rows, manifest } = await exported('fetched-altered', '--type', 'dispatch.fetched');
    const altered = rows.map((row) => [...row]);
    altered[4][COL.actor] = 'CN=someone else';
    altered[4] = rehashed(altered[4], altered[4][COL.prev]);
    const { offline, online } = await brokenBoth(altered, manifest);
    expect(offline).toContain(
      'BROKEN at line 7: the export does not hold the records its manifest states (records added or replaced)',
    );
    expect(online).toContain(
      "BROKEN at line 5 (seq 20): the record differs from the database's record of the same seq",
    );

    const whole: Rows = (await exported('whole')).rows;
    const added = [...rows.slice(0, 3), whole[12], ...rows.slice(3)];
    const outside = await brokenBoth(added, manifest);
    expect(outside.offline).toContain(
      "BROKEN at line 4 (seq 12): the record is outside the manifest's filter or past its head\n  seq 12 (dispatch.verified) is not selected by the manifest's filter",
    );
    expect(outside.online).toContain(
      'BROKEN at line 4 (seq 12): the record is not selected by the filter re-run on the database',
    );
  });

  it('refuses --database without a manifest, a manifest it cannot check, and bad filters (exit 2)', async () => {
    const { rows, manifest } = await exported('usage', '--type', 'dispatch.fetched');
    const file = join(dir, 'usage-check.csv');
    writeFileSync(file, stringify(rows));
    const noManifest = await cli('audit', 'verify-export', file, '--database');
    expect(noManifest).toMatchObject({ code: 2, stdout: '' });
    expect(noManifest.stderr).toContain("--database re-runs the export's filter");
    const unknownFilter = join(dir, 'unknown-filter.json');
    writeFileSync(
      unknownFilter,
      JSON.stringify({
        ...JSON.parse(readFileSync(manifest, 'utf8')),
        filter: { dispatchState: 'routed' },
      }),
    );
    const unusable = await cli('audit', 'verify-export', file, '--manifest', unknownFilter);
    expect(unusable).toMatchObject({ code: 2, stdout: '' });
    expect(unusable.stderr).toContain('not an audit export manifest');
    expect((await cli('audit', 'export', '--actor', '')).code).toBe(2);
    expect((await cli('audit', 'export', '--from', 'yesterday')).code).toBe(2);
  });

  /**
   * What GET /audit/export and GET /audit/export/manifest answer (the gateway's AuditExporter):
   * the CSV pinned to the head it reads, then the manifest of the same query pinned to that
   * head, asked for after the trail grew.
   */
  async function apiExported(
    name: string,
    filter: AuditEventFilter,
  ): Promise<{ rows: Rows; manifest: string; manifestJson: Record<string, unknown> }> {
    const header = await exporter.header();
    const csv = join(dir, `${name}.csv`);
    const file = createWriteStream(csv);
    await exporter.writeCsv(filter, header, file);
    if (!file.writableFinished) await once(file, 'finish');
    await seedAuditChain(dataSource, 5);
    const pinned = await exporter.header({ from: 'checkpoint' }, header.head!);
    const manifestJson = JSON.parse(JSON.stringify(await exporter.manifest(filter, pinned)));
    const manifest = join(dir, `${name}.manifest.json`);
    writeFileSync(manifest, JSON.stringify(manifestJson));
    return { rows: parse(readFileSync(csv, 'utf8')), manifest, manifestJson };
  }

  it('holds an API export to the manifest the API states for its head, asked for after the trail grew', async () => {
    const { rows, manifest, manifestJson } = await apiExported('api-fetched', {
      eventTypes: ['dispatch.fetched'],
    });
    const head = Number(rows.at(-1)![COL.seq]);
    expect(manifestJson).toMatchObject({
      v: 'docaxis-audit-export-manifest/2',
      filter: { eventTypes: ['dispatch.fetched'] },
      selection: { count: rows.length - 1, lastSeq: head },
    });
    expect((manifestJson.head as { seq: number }).seq).toBeLessThan(
      (await new AuditRecordRepository(dataSource).head())!.seq,
    );
    const offline = await verify(rows, manifest, 'offline');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain(`as its manifest states: ${rows.length - 1} records`);
    expect((await verify(rows, manifest, 'database')).code).toBe(0);
    const removed = rows.filter((row) => row[COL.seq] !== rows[2][COL.seq]);
    const { offline: incomplete } = await brokenBoth(removed, manifest);
    expect(incomplete).toContain('the export is INCOMPLETE');

    // A head the trail does not hold is refused, not stated.
    await expect(
      exporter.header({ from: 'checkpoint' }, { seq: 3, hash: 'f'.repeat(64) }),
    ).rejects.toMatchObject({ code: 'AUDIT_EXPORT_HEAD_NOT_FOUND' });
  });

  it("says an API export by the dispatch's current state is not checkable complete, and still checks its records", async () => {
    // Dispatch number 3 (records 16..20), by its số: read from the dispatches table.
    const filter: AuditEventFilter = { agencyCode: SEEDED_AGENCIES[3], codeNumber: '3' };
    const { rows, manifest, manifestJson } = await apiExported('api-by-number', filter);
    expect(rows.slice(1).map((row) => row[COL.seq])).toEqual(['16', '17', '18', '19', '20']);
    expect(manifestJson).toMatchObject({
      filter: { agencyCode: SEEDED_AGENCIES[3] },
      filterNotRecheckable: { codeNumber: '3' },
      selection: null,
    });
    const offline = await verify(rows, manifest, 'offline');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain(
      "completeness NOT checkable: the export was also filtered by the dispatch's current state (codeNumber=3)",
    );
    const online = await verify(rows, manifest, 'database');
    expect(online.code).toBe(0);
    expect(online.stdout).toContain("Every record of the file is the database's (same hash)");
    // A record removed is not told (as said); one altered, or outside the rest of the filter, is.
    expect((await verify(rows.slice(0, -1), manifest, 'database')).code).toBe(0);
    const altered = rows.map((row) => [...row]);
    altered[2][COL.actor] = 'CN=someone else';
    altered[2] = rehashed(altered[2], altered[2][COL.prev]);
    const caught = await verify(altered, manifest, 'database');
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain(
      "BROKEN at line 3 (seq 17): the record differs from the database's record of the same seq",
    );
    const whole: Rows = (await exported('whole-for-number')).rows;
    const outside = await verify([...rows, whole[22]], manifest, 'offline');
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain("(seq 22): the record is outside the manifest's filter");
    const vi = await verify(rows, manifest, 'offline', '--lang', 'vi');
    expect(vi.stdout).toContain(
      'tính đầy đủ KHÔNG THỂ kiểm tra: bản xuất còn được lọc theo trạng thái hiện tại của văn bản (codeNumber=3)',
    );
  });
});

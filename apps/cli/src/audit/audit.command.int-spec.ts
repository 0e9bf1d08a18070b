import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import {
  SEED_EPOCH,
  seedAuditChain,
  seededDispatchId,
} from '@docaxis/audit-trail/testing/audit-chain-seeder';
import { seedSignedCheckpoint } from '@docaxis/audit-trail/testing/audit-checkpoint-seeder';
import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { ParameterFreeQueryLogger } from '@docaxis/persistence/database/parameter-free-query-logger';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { runCliCaptured, type CapturedCliRun } from '../testing/captured-cli-run';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

describe('docaxis audit (direct database access, real PostgreSQL)', () => {
  let dataSource: DataSource;
  let env: NodeJS.ProcessEnv;

  function cli(...argv: string[]): Promise<CapturedCliRun> {
    return runCliCaptured(argv, env);
  }

  beforeAll(async () => {
    const url = await createTestDatabase('cli-audit');
    const pki = await testPki();
    // English as the default of these runs (the stable words asserted below); Vietnamese is
    // asked for with --lang vi where it is checked.
    env = { DATABASE_URL: url, AXIS_SIGNING_CERT_FILE: pki.axis.certPath, DOCAXIS_LANG: 'en' };
    dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
    await seedAuditChain(dataSource, 40);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('verifies a clean trail (exit 0) and a range', async () => {
    const result = await cli('audit', 'verify');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      /^OK: 40 records verified; head seq 40 [0-9a-f]{64}; no checkpoint/,
    );
    const vi = await cli('audit', 'verify', '--lang', 'vi');
    expect(vi).toMatchObject({ code: 0, stderr: '' });
    expect(vi.stdout).toMatch(
      /^TOÀN VẸN: đã kiểm tra 40 bản ghi; đầu chuỗi là bản ghi số 40 [0-9a-f]{64}; không có điểm kiểm soát\n {2}phạm vi: Từ bản ghi đầu tiên: đã băm lại và kiểm tra liên kết các bản ghi 1\.\.40\.\n$/,
    );
    const range = await cli('audit', 'verify', '--from', '10', '--to', '20', '--json');
    expect(JSON.parse(range.stdout)).toMatchObject({ ok: true, fromSeq: 10, recordsChecked: 11 });
    // A range the chain does not hold is a usage error, as the README says; --to past the head stops there.
    expect((await cli('audit', 'verify', '--from', '41')).code).toBe(2);
    const backwards = await cli('audit', 'verify', '--from', '10', '--to', '5');
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('toSeq must be an integer not below fromSeq');
    const past = await cli('audit', 'verify', '--from', '30', '--to', '99', '--json');
    expect(JSON.parse(past.stdout)).toMatchObject({ ok: true, recordsChecked: 11 });
  });

  it('exports CSV to standard output and a Vietnamese PDF to a file', async () => {
    const csv = await cli('audit', 'export', '--dispatch', seededDispatchId(3));
    expect(csv.code).toBe(0);
    const rows = parse<Record<string, string>>(csv.stdout, { columns: true });
    expect(rows.map((r) => r.seq)).toEqual(['16', '17', '18', '19', '20']);
    const out = join(temporaryDirectory('audit-cli-'), 'report.pdf');
    const pdf = await cli('audit', 'export', '--format', 'pdf', '--lang', 'vi', '--out', out);
    expect(pdf.code).toBe(0);
    const text = extractPdfText(readFileSync(out));
    expect(text).toContain('Báo cáo nhật ký kiểm toán');
    expect(text).toContain('40 sự kiện');
    const manifest = join(tmpdir(), `audit-cli-no-pdf-${process.pid}.json`);
    const missing = await cli('audit', 'export', '--format', 'pdf', '--manifest', manifest);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
    // Refused before the verification: no summary, and no manifest of an export never written.
    expect(missing.stderr).not.toContain('OK:');
    expect(existsSync(manifest)).toBe(false);
  });

  it('verifies from the latest signed checkpoint by default, from genesis on request', async () => {
    const pki = await testPki();
    await seedSignedCheckpoint(dataSource, 30, new Date(SEED_EPOCH + 86_400_000), pki.axis);
    const incremental = await cli('audit', 'verify');
    expect(incremental.code).toBe(0);
    expect(incremental.stdout).toMatch(/^OK: 11 records verified; head seq 40 /);
    expect(incremental.stdout).toContain(
      'scope: From the signed checkpoint of seq 30 (created 2026-01-02T00:00:00.000Z',
    );
    expect(incremental.stdout).toContain('Records 1..29 were NOT re-verified by this run');
    const vi = await cli('--lang', 'vi', 'audit', 'verify');
    expect(vi.stdout).toMatch(/^TOÀN VẸN: đã kiểm tra 11 bản ghi; đầu chuỗi là bản ghi số 40 /);
    expect(vi.stdout).toContain(
      'phạm vi: Từ điểm kiểm soát đã ký tại bản ghi số 30 (lập lúc 2026-01-02T00:00:00.000Z',
    );
    expect(vi.stdout).toContain(
      'Các bản ghi 1..29 KHÔNG được kiểm tra lại trong lần này (chữ ký của điểm kiểm soát bảo đảm cho chúng)',
    );
    const full = await cli('audit', 'verify', '--from', 'genesis', '--json');
    expect(JSON.parse(full.stdout)).toMatchObject({
      ok: true,
      recordsChecked: 40,
      scope: { from: 'genesis', notReverified: null },
    });
    const chosen = await cli('audit', 'verify', '--checkpoint', '7');
    expect(chosen).toMatchObject({ code: 2, stdout: '' });
    expect(chosen.stderr).toContain('No signed checkpoint has head seq 7');
    // The refusal in the --lang language, as the axis words it.
    expect((await cli('audit', 'verify', '--checkpoint', '7', '--lang', 'vi')).stderr).toContain(
      'docaxis: Không có điểm kiểm soát đã ký nào có số thứ tự bản ghi cuối là 7',
    );
    expect((await cli('audit', 'verify', '--from', 'genesis', '--checkpoint', '30')).code).toBe(2);
    expect((await cli('audit', 'verify', '--from', 'head')).code).toBe(2);
  });

  it('verifies an export from the latest checkpoint and states that scope in its manifest', async () => {
    const dir = temporaryDirectory('audit-cli-');
    const manifestPath = join(dir, 'export.json');
    const csv = await cli('audit', 'export', '--manifest', manifestPath);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/^OK: 11 records verified; head seq 40 /);
    expect(csv.stderr).toContain('Records 1..29 were NOT re-verified by this run');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    expect(manifest).toMatchObject({
      v: 'docaxis-audit-export-manifest/2',
      filter: {},
      head: { seq: 40 },
      selection: {
        count: 40,
        firstSeq: 1,
        lastSeq: 40,
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      verification: {
        ok: true,
        recordsChecked: 11,
        scope: {
          from: 'checkpoint',
          startCheckpoint: { headSeq: 30 },
          firstSeq: 30,
          lastSeq: 40,
          notReverified: { fromSeq: 1, toSeq: 29 },
        },
      },
    });
    const out = join(dir, 'report.pdf');
    const pdf = await cli('audit', 'export', '--format', 'pdf', '--lang', 'en', '--out', out);
    expect(pdf.code).toBe(0);
    const text = extractPdfText(readFileSync(out)).replace(/\s+/g, ' ');
    expect(text).toContain('From the signed checkpoint of seq 30');
    expect(text).toContain('Records 1..29 were NOT re-verified by this export');
    const full = await cli(
      'audit',
      'export',
      '--verify-from',
      'genesis',
      '--manifest',
      manifestPath,
    );
    expect(full.code).toBe(0);
    expect(JSON.parse(readFileSync(manifestPath, 'utf8')).verification).toMatchObject({
      recordsChecked: 40,
      scope: { from: 'genesis', firstSeq: 1, lastSeq: 40, notReverified: null },
    });
    const chosen = await cli('audit', 'export', '--checkpoint', '7');
    expect(chosen).toMatchObject({ code: 2, stdout: '' });
    expect(chosen.stderr).toContain('No signed checkpoint has head seq 7');
    const contradiction = await cli('audit', 'export', '--verify-from', '5', '--checkpoint', '30');
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain('cannot be combined with --verify-from');
  });

  it('exits 3 when the database cannot be reached and 2 on unusable trust files, never 1', async () => {
    const saved = env;
    try {
      env = { ...saved, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/docaxis' };
      const unreachable = await cli('audit', 'verify');
      expect(unreachable).toMatchObject({ code: 3, stdout: '' });
      expect(unreachable.stderr).toMatch(/^docaxis: cannot connect to DATABASE_URL: /);
      expect((await cli('audit', 'export')).code).toBe(3);
      env = { ...saved, AXIS_SIGNING_CERT_FILE: join(tmpdir(), 'no-such-axis-cert.pem') };
      const noCert = await cli('audit', 'verify');
      expect(noCert.code).toBe(2);
      expect(noCert.stderr).toContain('docaxis: AXIS_SIGNING_CERT_FILE ');
      env = { ...saved, AUDIT_TSA_CRL_DIR: tmpdir() };
      const crlsWithoutTrust = await cli('audit', 'verify');
      expect(crlsWithoutTrust.code).toBe(2);
      expect(crlsWithoutTrust.stderr).toContain('set without AUDIT_TSA_TRUST_FILE');
    } finally {
      env = saved;
    }
  });

  it('refuses an --out or --manifest that cannot be written before any query (exit 2, never 1)', async () => {
    const queryFailures = jest.spyOn(ParameterFreeQueryLogger.prototype, 'logQueryError');
    const connections = jest.spyOn(DataSource.prototype, 'initialize');
    try {
      const folder = join(tmpdir(), `audit-cli-missing-${process.pid}`, 'nested');
      const unwritable = await cli('audit', 'export', '--out', join(folder, 'audit.csv'));
      expect(unwritable).toEqual({
        code: 2,
        stdout: '',
        stderr: `docaxis: --out ${join(folder, 'audit.csv')} cannot be written: the folder ${folder} does not exist; nothing was exported\n`,
      });
      const manifestDir = temporaryDirectory('audit-cli-');
      const out = join(manifestDir, 'audit.csv');
      const badManifest = await cli('audit', 'export', '--out', out, '--manifest', manifestDir);
      expect(badManifest.code).toBe(2);
      expect(badManifest.stderr).toContain(`--manifest ${manifestDir} cannot be written: `);
      expect(existsSync(out)).toBe(false);
      // The database was not even connected to, and nothing was logged as a failed query.
      expect(connections).not.toHaveBeenCalled();
      expect(queryFailures).not.toHaveBeenCalled();
    } finally {
      connections.mockRestore();
      queryFailures.mockRestore();
    }
  });

  it('exits 4, not the verdict 1, when writing fails mid-way, with no query cut short', async () => {
    const queryFailures = jest.spyOn(ParameterFreeQueryLogger.prototype, 'logQueryError');
    try {
      // Writable as far as a check can tell; every write fails (ENOSPC).
      const full = await cli('audit', 'export', '--out', '/dev/full');
      expect(full.code).toBe(4);
      expect(full.stderr).toMatch(/^docaxis: unexpected error: .*ENOSPC/m);
      const vi = await cli('audit', 'export', '--out', '/dev/full', '--lang', 'vi');
      expect(vi.code).toBe(4);
      expect(vi.stderr).toMatch(/^docaxis: lỗi không lường trước: .*ENOSPC/m);
      expect(queryFailures).not.toHaveBeenCalled();
    } finally {
      queryFailures.mockRestore();
    }
  });

  it('reports the first broken record and exits 1 after tampering', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(`DELETE FROM audit_records WHERE seq = 25`);
    });
    // Record 25 lies before the checkpoint of seq 30: only the full walk re-verifies it.
    const incremental = await cli('audit', 'verify');
    expect(incremental.code).toBe(0);
    expect(incremental.stdout).toContain('Records 1..29 were NOT re-verified');
    const result = await cli('audit', 'verify', '--from', 'genesis');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN at seq 25: DELETED');
    expect(result.stdout).toContain('24 records verified before it');
    const vi = await cli('audit', 'verify', '--from', 'genesis', '--lang', 'vi');
    expect(vi.code).toBe(1);
    expect(vi.stdout).toMatch(
      /^SAI LỆCH tại bản ghi số 25: DELETED\n {2}Thiếu các bản ghi 25\.\.25/,
    );
    expect(vi.stdout).not.toContain(result.stdout.split('\n')[1].trim());
    expect(vi.stdout).toContain('đã kiểm tra 24 bản ghi trước đó');
    // The export verifies as `audit verify` does: only the full walk sees the deletion.
    expect((await cli('audit', 'export')).code).toBe(0);
    const fullExport = await cli('audit', 'export', '--verify-from', 'genesis');
    expect(fullExport.code).toBe(1);
    expect(fullExport.stderr).toContain('BROKEN at seq 25: DELETED');
  });
});

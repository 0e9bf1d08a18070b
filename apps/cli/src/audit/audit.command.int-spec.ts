import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { seedAuditChain, seededDispatchId } from '@docaxis/audit-trail/testing/audit-chain-seeder';
import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { run } from '../cli-program';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

describe('docaxis audit (direct database access, real PostgreSQL)', () => {
  let dataSource: DataSource;
  let env: NodeJS.ProcessEnv;

  async function cli(...argv: string[]): Promise<Captured> {
    let stdout = '';
    let stderr = '';
    const code = await run(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
    });
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    const url = await createTestDatabase('cli-audit');
    const pki = await testPki();
    env = { DATABASE_URL: url, AXIS_SIGNING_CERT_FILE: pki.axis.certPath };
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
    const range = await cli('audit', 'verify', '--from', '10', '--to', '20', '--json');
    expect(JSON.parse(range.stdout)).toMatchObject({ ok: true, fromSeq: 10, recordsChecked: 11 });
  });

  it('exports CSV to standard output and a Vietnamese PDF to a file', async () => {
    const csv = await cli('audit', 'export', '--dispatch', seededDispatchId(3));
    expect(csv.code).toBe(0);
    const rows = parse<Record<string, string>>(csv.stdout, { columns: true });
    expect(rows.map((r) => r.seq)).toEqual(['16', '17', '18', '19', '20']);
    const out = join(mkdtempSync(join(tmpdir(), 'audit-cli-')), 'report.pdf');
    const pdf = await cli('audit', 'export', '--format', 'pdf', '--out', out);
    expect(pdf.code).toBe(0);
    const text = extractPdfText(readFileSync(out));
    expect(text).toContain('Báo cáo nhật ký kiểm toán');
    expect(text).toContain('40 sự kiện');
    const missing = await cli('audit', 'export', '--format', 'pdf');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
  });

  it('reports the first broken record and exits 1 after tampering', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(`DELETE FROM audit_records WHERE seq = 25`);
    });
    const result = await cli('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('BROKEN at seq 25: DELETED');
    expect(result.stdout).toContain('24 records verified before it');
  });
});

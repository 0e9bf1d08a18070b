import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { recordHashOf } from '@docaxis/audit-trail/chain/audit-record-hash';
import { SEED_EPOCH, seedAuditChain } from '@docaxis/audit-trail/testing/audit-chain-seeder';
import { seedSignedCheckpoint } from '@docaxis/audit-trail/testing/audit-checkpoint-seeder';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { runCliCaptured, type CapturedCliRun } from '../testing/captured-cli-run';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

/**
 * Someone who can bypass the triggers (a superuser) rewrites the tail consistently and deletes
 * the checkpoints signed over it: the database alone then verifies. A head the auditor kept
 * outside it (`--anchor`) still shows the rewrite and a cut tail.
 */
describe('docaxis audit verify --anchor: a head kept outside the database (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  function cli(...argv: string[]): Promise<CapturedCliRun> {
    return runCliCaptured(argv, env);
  }

  async function signCheckpoint(headSeq: number): Promise<void> {
    const createdAt = new Date(SEED_EPOCH + 86_400_000 + headSeq);
    await seedSignedCheckpoint(dataSource, headSeq, createdAt, (await testPki()).axis);
  }

  async function asSuperuserBypassingTriggers(...statements: string[]): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      for (const statement of statements) await manager.query(statement);
    });
  }

  beforeAll(async () => {
    const url = await createTestDatabase('cli-audit-anchor');
    const pki = await testPki();
    env = { DATABASE_URL: url, AXIS_SIGNING_CERT_FILE: pki.axis.certPath, DOCAXIS_LANG: 'en' };
    dataSource = await new DataSource(dataSourceOptions({ url, poolSize: 2 })).initialize();
    dir = temporaryDirectory('audit-anchor-');
    await seedAuditChain(dataSource, 40);
    await signCheckpoint(20);
    await signCheckpoint(40);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('sees a tail rewritten with its checkpoints deleted, and a tail cut, that the database hides', async () => {
    const kept = join(dir, 'kept.manifest.json');
    const exported = await cli('audit', 'export', '--manifest', kept);
    expect(exported.code).toBe(0);
    const keptJson = join(dir, 'kept.verify.json');
    writeFileSync(keptJson, (await cli('audit', 'verify', '--json')).stdout);
    expect((await cli('audit', 'verify', '--anchor', kept)).code).toBe(0);

    // Records 25..40 rewritten (another actor on 25) and re-hashed; the checkpoint of 40 deleted.
    const records = new AuditRecordRepository(dataSource);
    const statements = [`DELETE FROM audit_checkpoints WHERE head_seq = 40`];
    let [prev] = await records.pageFrom(24, 1);
    for (const record of await records.pageFrom(25, 100)) {
      const actor = record.seq === 25 ? 'forger' : record.actor;
      const hash = recordHashOf({ ...record, actor, prevHash: prev.hash });
      statements.push(
        `UPDATE audit_records SET actor = '${actor}', prev_hash = '${prev.hash}', hash = '${hash}' WHERE seq = ${record.seq}`,
      );
      prev = { ...record, hash };
    }
    await asSuperuserBypassingTriggers(...statements);

    // What the database alone says: every walk verifies.
    expect((await cli('audit', 'verify')).code).toBe(0);
    expect((await cli('audit', 'verify', '--from', 'genesis')).code).toBe(0);
    for (const file of [kept, keptJson]) {
      for (const from of ['checkpoint', 'genesis']) {
        const anchored = await cli('audit', 'verify', '--from', from, '--anchor', file, '--json');
        expect(anchored.code).toBe(1);
        expect(JSON.parse(anchored.stdout)).toMatchObject({
          ok: false,
          seq: 40,
          problem: 'ALTERED',
          explanation: { kind: 'anchor-rewritten', seq: 40 },
        });
      }
    }
    const text = await cli('audit', 'verify', '--anchor', kept);
    expect(text.stdout).toContain('BROKEN at seq 40: ALTERED');

    // An anchor kept at 30 lies below no checkpoint now: the walk from checkpoint 20 covers it.
    const [at30] = await records.pageFrom(30, 1);
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ head: { seq: 30, hash: 'a'.repeat(64) } }));
    expect(
      JSON.parse((await cli('audit', 'verify', '--anchor', old, '--json')).stdout),
    ).toMatchObject({ ok: false, seq: 30, explanation: { kind: 'anchor-rewritten', seq: 30 } });
    writeFileSync(old, JSON.stringify({ head: { seq: 30, hash: at30.hash } }));
    expect((await cli('audit', 'verify', '--anchor', old)).code).toBe(0);
    // Below the starting checkpoint, the stored hash is compared.
    const [at10] = await records.pageFrom(10, 1);
    writeFileSync(old, JSON.stringify({ head: { seq: 10, hash: at10.hash } }));
    expect((await cli('audit', 'verify', '--anchor', old)).code).toBe(0);
    writeFileSync(old, JSON.stringify({ head: { seq: 10, hash: 'b'.repeat(64) } }));
    expect(
      JSON.parse((await cli('audit', 'verify', '--anchor', old, '--json')).stdout),
    ).toMatchObject({
      ok: false,
      seq: 10,
      problem: 'ALTERED',
      expected: 'b'.repeat(64),
      actual: at10.hash,
    });

    // The tail cut off as well.
    await asSuperuserBypassingTriggers(`DELETE FROM audit_records WHERE seq > 36`);
    expect((await cli('audit', 'verify')).code).toBe(0);
    const cut = await cli('audit', 'verify', '--anchor', kept, '--json');
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout)).toMatchObject({
      ok: false,
      problem: 'DELETED',
      explanation: { kind: 'tail-cut-after-anchor', anchorSeq: 40, headSeq: 36 },
    });
  });

  it('refuses an anchor file with no usable head: exit 2, in the --lang language', async () => {
    const bad = join(dir, 'bad.json');
    for (const content of ['not json', '{}', '{"head":{"seq":0,"hash":"x"}}']) {
      writeFileSync(bad, content);
      const refused = await cli('audit', 'verify', '--anchor', bad);
      expect(refused).toMatchObject({ code: 2, stdout: '' });
      expect(refused.stderr).toContain(`--anchor ${bad}`);
    }
    const missing = await cli(
      'audit',
      'verify',
      '--anchor',
      join(dir, 'none.json'),
      '--lang',
      'vi',
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('không đọc được tệp');
  });
});

import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuditBench } from '../../bench/audit.bench';
import { adminDatabaseUrl } from '@docaxis/testing/test-database';
import { testDatabasePrefix } from '@docaxis/testing/test-run';

/** The CI mode of `npm run bench:audit`: a small chain, the whole pipeline, no timing asserted. */
describe('bench:audit on a small chain', () => {
  it('seeds, searches, verifies and prints both tables', async () => {
    let printed = '';
    const result = await runAuditBench({
      events: 1_000,
      keep: false,
      serverUrl: adminDatabaseUrl(),
      databaseName: `${testDatabasePrefix()}_bench_audit`,
      out: { write: (text: string) => (printed += text) },
    });
    expect(result.searches.map((row) => row.label)).toEqual([
      'by dispatch',
      'by agency (sender or recipient)',
      'by agency + event type + time range',
      'by event type',
      'by number and notation',
      'by dispatch state (routed)',
    ]);
    for (const row of result.searches) {
      expect(row.docaxisP95Ms).toBeGreaterThan(0);
      expect(row.rawP95Ms).toBeGreaterThan(0);
    }
    expect(result.verifications).toEqual([
      expect.objectContaining({ records: 100, ok: true }),
      expect.objectContaining({ records: 1_000, ok: true }),
      // The only checkpoint signs the head: the incremental walk re-hashes that record alone.
      expect.objectContaining({
        label: 'from the latest checkpoint (seq 1000)',
        records: 1,
        ok: true,
      }),
      expect.objectContaining({
        label: 'export: one dispatch as CSV, verified from the latest checkpoint',
        records: 1,
        ok: true,
      }),
    ]);
    expect(printed).toContain('| search (newest 50) |');
    expect(printed).toContain('| whole trail | 1000 |');
  });

  it('--keep keeps the PKI beside the database: a second run verifies the kept checkpoints', async () => {
    const databaseName = `${testDatabasePrefix()}_bench_audit_kept`;
    const pkiDir = join(tmpdir(), `${databaseName}-pki`);
    const run = (keep: boolean) =>
      runAuditBench({
        events: 1_000,
        keep,
        serverUrl: adminDatabaseUrl(),
        databaseName,
        out: { write: () => undefined },
      });
    // The seeding progress goes to standard error: whether a run seeded is what tells a reused
    // database from one dropped because its PKI was regenerated (both then verify).
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const seeded = () => stderr.mock.calls.some(([text]) => String(text).includes('seeded'));
    try {
      await run(true);
      expect(seeded()).toBe(true);
      expect(existsSync(pkiDir)).toBe(true);
      stderr.mockClear();
      // Reuses the kept database (nothing to seed) and its PKI: with a new one, every checkpoint
      // signed by the first run would be BAD_CHECKPOINT_SIGNATURE, so the database is seeded anew.
      const second = await run(false);
      expect(seeded()).toBe(false);
      expect(second.verifications.map((row) => row.ok)).toEqual([true, true, true, true]);
      expect(second.verifications[2]).toMatchObject({ records: 1 });
    } finally {
      stderr.mockRestore();
    }
    // Without --keep, the database and its PKI both go.
    expect(existsSync(pkiDir)).toBe(false);
  });
});

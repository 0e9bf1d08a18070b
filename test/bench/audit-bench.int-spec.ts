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
    ]);
    expect(printed).toContain('| search (newest 50) |');
    expect(printed).toContain('| whole trail | 1000 |');
  });
});

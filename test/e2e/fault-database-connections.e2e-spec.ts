import {
  checkExactlyOnce,
  deliveryProgress,
  exactlyOnceExpectation,
  seedVerifiedDispatches,
  waitForDeliveries,
} from '@docaxis/testing/fault-load';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

/**
 * PostgreSQL going away mid-flight. The shared server cannot be restarted under the other specs,
 * so this does to the apps what a restart does: every server connection of the apps is
 * terminated (pg_terminate_backend), twice, while deliveries run. Pools must drop the dead
 * connections and open new ones, failed handlers retry, and nothing is lost or doubled.
 */
describe('fault: every database connection of the apps is cut mid-flight', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis(
      'fault-db',
      { AMQP_PREFETCH: '50', AMQP_RETRY_DELAYS_MS: '200,500,1000,2000' },
      { outOfProcess: ['verifier', 'notifier'] },
    );
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** Terminates the apps' server processes on this test's database (not the test's own). */
  const cutAppConnections = async (): Promise<number> => {
    const rows = await axis.db.query<Array<{ cut: boolean }>>(
      `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name LIKE 'docaxis-%' AND application_name <> 'docaxis-test'`,
    );
    return rows.filter((r) => r.cut).length;
  };

  it('delivers every dispatch to every recipient exactly once', async () => {
    const dispatchIds = await seedVerifiedDispatches(axis.db, 500);
    for (const share of [1 / 4, 1 / 2]) {
      await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected * share);
      const cut = await cutAppConnections();
      const progress = await deliveryProgress(axis.db);
      console.log(
        `cut ${cut} database connections with ${progress.delivered} of ${progress.expected} deliveries done`,
      );
      expect(cut).toBeGreaterThan(0);
    }
    await waitForDeliveries(axis.db);
    const report = await checkExactlyOnce(axis.db, dispatchIds, 'database connections fault test');
    expect(report).toMatchObject(exactlyOnceExpectation(dispatchIds.length));
  }, 600_000);
});

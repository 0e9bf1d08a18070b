import { spawnApp, type AppProcess } from '@docaxis/testing/app-process';
import {
  checkExactlyOnce,
  deliveryProgress,
  exactlyOnceExpectation,
  stopAxisAndRouterQueues,
  waitForDeliveries,
} from '@docaxis/testing/fault-load';
import { holdDispatches, type HeldDispatches } from '@docaxis/testing/held-dispatches';
import { queueLoadForRouter } from '@docaxis/testing/router-backlog';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

/**
 * PostgreSQL going away mid-flight. The shared server cannot be restarted under the other specs,
 * so this does to the apps what a restart does: every server connection of the apps is
 * terminated (pg_terminate_backend), twice, while deliveries run. Pools must drop the dead
 * connections and open new ones, failed handlers retry, and nothing is lost or doubled.
 */
describe('fault: every database connection of the apps is cut mid-flight', () => {
  let axis: RunningAxis;
  const routers: AppProcess[] = [];
  let held: HeldDispatches | undefined;

  beforeAll(async () => {
    // The router runs in a process of its own, started once the load waits in its queue.
    axis = await startAxis(
      'fault-db',
      { AMQP_PREFETCH: '50', AMQP_RETRY_DELAYS_MS: '200,500,1000,2000' },
      { outOfProcess: ['router', 'verifier', 'notifier'] },
    );
  });

  afterAll(async () => {
    await held?.release();
    for (const router of routers) await router.kill();
    if (axis) await stopAxisAndRouterQueues(axis);
  });

  /**
   * Terminates the apps' server processes on this test's database (not the test's own) and
   * returns the ids of those it terminated.
   */
  const cutAppConnections = async (): Promise<number[]> => {
    const rows = await axis.db.query<Array<{ pid: number; cut: boolean }>>(
      `SELECT pid, pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name LIKE 'docaxis-%' AND application_name <> 'docaxis-test'`,
    );
    return rows.filter((r) => r.cut).map((r) => r.pid);
  };

  it('delivers every dispatch to every recipient exactly once', async () => {
    // Each cut must come while deliveries still run, however fast the router is against the
    // test's polling. So the whole load waits in the router's queue before it starts, and the
    // routing of the first dispatch of each lane (every tenth is urgent) is held in the database
    // until after the cuts: those copies cannot be delivered before, and each cut ends the
    // router's statements waiting on them (its handlers fail and retry into the same wait).
    const dispatchIds = await queueLoadForRouter(axis, routers, 500);
    held = await holdDispatches(axis.db, dispatchIds.slice(0, 2));
    routers.push(await spawnApp('router', axis.env, { label: 'consuming' }));
    for (const share of [1 / 4, 1 / 2]) {
      await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected * share);
      const inside = await held.routerInside();
      const cut = await cutAppConnections();
      const progress = await deliveryProgress(axis.db);
      console.log(
        `cut ${cut.length} database connections with ${progress.delivered} of ${progress.expected} deliveries done`,
      );
      // The cut ended the router's statements on the held rows: it came mid-flight.
      expect(cut).toEqual(expect.arrayContaining(inside));
      expect(progress.delivered).toBeLessThan(progress.expected);
    }
    await held.release();
    held = undefined;
    await waitForDeliveries(axis.db);
    const report = await checkExactlyOnce(axis.db, dispatchIds, 'database connections fault test');
    expect(report).toMatchObject(exactlyOnceExpectation(dispatchIds.length));
  }, 600_000);
});

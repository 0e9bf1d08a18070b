import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { spawnApp, type AppProcess } from '@docaxis/testing/app-process';
import {
  checkExactlyOnce,
  deliveryProgress,
  exactlyOnceExpectation,
  routerQueueNames,
  seedVerifiedDispatches,
  waitForDeliveries,
  waitForEmptyOutbox,
} from '@docaxis/testing/fault-load';
import { deletePrefix, startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

interface HeldDispatches {
  /** Router statements waiting on the held rows. */
  waitingRouterStatements(): Promise<number>;
  release(): Promise<void>;
}

/**
 * Locks the rows of `ids` in a transaction of the test's own: the router's routing of those
 * dispatches (its UPDATE of the row) waits in the database, its message taken and not acked,
 * until `release`. One pool connection of the router waits per held dispatch.
 */
async function holdDispatches(db: DataSource, ids: readonly string[]): Promise<HeldDispatches> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`SELECT id FROM dispatches WHERE id = ANY($1) FOR UPDATE`, [ids]);
  const [{ pid }]: Array<{ pid: number }> = await runner.query(`SELECT pg_backend_pid() AS pid`);
  return {
    async waitingRouterStatements() {
      const [row] = await db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'docaxis-router' AND $1 = ANY(pg_blocking_pids(pid))`,
        [pid],
      );
      return row.n;
    },
    async release() {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

/**
 * Fault (1) of issue 4: the router process is killed with SIGKILL while thousands of deliveries
 * are in flight, then started again. Nothing it had taken but not acked may be lost, and nothing
 * it had done may be done twice.
 */
describe('fault: the router is SIGKILLed mid-flight and restarted', () => {
  let axis: RunningAxis;
  const routers: AppProcess[] = [];
  let held: HeldDispatches | undefined;

  beforeAll(async () => {
    // Small prefetch: the killed router holds some unacked messages, not the whole backlog.
    axis = await startAxis(
      'fault-kill',
      { AMQP_PREFETCH: '50' },
      { outOfProcess: ['router', 'verifier', 'notifier'] },
    );
  });

  afterAll(async () => {
    await held?.release();
    for (const router of routers) await router.kill();
    if (!axis) return;
    const codes = await axis.db.query<Array<{ code: string }>>(`SELECT code FROM agencies`);
    await axis.stop();
    await deletePrefix(
      axis.env.AMQP_PREFIX!,
      routerQueueNames(
        axis.env.AMQP_PREFIX!,
        codes.map((c) => c.code),
      ),
      [],
      axis.env.AMQP_URL,
    );
  });

  it('delivers every dispatch to every recipient exactly once', async () => {
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    // The kill must come while the router still has work, however fast it runs against the
    // test's polling (a router started before the seeding kept up with it at load ~12 and had
    // delivered everything when the test first looked). So the whole load waits in its queue
    // before it starts, and the routing of the first dispatch of each lane (every tenth is
    // urgent) is held in the database until after the kill: those copies cannot be delivered
    // by then, and the router is inside their statements when it dies.
    // A first router declares the router's queues (an event published before they exist would
    // reach only the audit's) and stops gracefully; the dispatches' events are then published.
    const declaring = await spawnApp('router', axis.env, { label: 'declaring' });
    routers.push(declaring);
    expect(await declaring.stop()).toBe('SIGTERM');
    const dispatchIds = await seedVerifiedDispatches(axis.db);
    await waitForEmptyOutbox(axis.db);
    expect((await deliveryProgress(axis.db)).delivered).toBe(0);
    const heldIds = dispatchIds.slice(0, 2);
    held = await holdDispatches(axis.db, heldIds);
    console.log(`${dispatchIds.length} dispatches queued for the router after ${elapsed()}`);

    const first = await spawnApp('router', axis.env, { label: 'first' });
    routers.push(first);
    const before = await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected / 4);
    await waitFor(
      () => held!.waitingRouterStatements(),
      (waiting) => waiting === heldIds.length,
      'the router to route the held dispatches',
    );
    expect(await first.kill()).toBe('SIGKILL');
    const atKill = await deliveryProgress(axis.db);
    console.log(
      `router ${first.pid} SIGKILLed with ${atKill.delivered} of ${atKill.expected} deliveries done ` +
        `(${before.delivered} seen just before) after ${elapsed()}`,
    );
    expect(atKill.delivered).toBeLessThan(atKill.expected);
    // Its statements on the held rows outlive it in the database and go on once released.
    await held.release();
    held = undefined;

    const second = await spawnApp('router', axis.env, { label: 'restarted' });
    routers.push(second);
    await waitForDeliveries(axis.db);
    console.log(`all delivered after ${elapsed()}`);
    const report = await checkExactlyOnce(axis.db, dispatchIds, 'router SIGKILL fault test');
    expect(report).toMatchObject(exactlyOnceExpectation(dispatchIds.length));

    // And the restarted one stops gracefully on SIGTERM: consumers drained, connections closed.
    expect(await second.stop()).toBe('SIGTERM');
    expect(readFileSync(second.logFile, 'utf8')).toContain('messaging stopped');
  }, 600_000);
});

import { readFileSync } from 'node:fs';
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
    if (axis) await stopAxisAndRouterQueues(axis);
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
    const dispatchIds = await queueLoadForRouter(axis, routers);
    held = await holdDispatches(axis.db, dispatchIds.slice(0, 2));
    console.log(`${dispatchIds.length} dispatches queued for the router after ${elapsed()}`);

    const first = await spawnApp('router', axis.env, { label: 'first' });
    routers.push(first);
    const before = await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected / 4);
    await held.routerInside();
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

import { readFileSync } from 'node:fs';
import { spawnApp, type AppProcess } from '@docaxis/testing/app-process';
import {
  checkExactlyOnce,
  exactlyOnceExpectation,
  routerQueueNames,
  seedVerifiedDispatches,
  waitForDeliveries,
} from '@docaxis/testing/fault-load';
import { deletePrefix, startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

/**
 * Fault (1) of issue 4: the router process is killed with SIGKILL while thousands of deliveries
 * are in flight, then started again. Nothing it had taken but not acked may be lost, and nothing
 * it had done may be done twice.
 */
describe('fault: the router is SIGKILLed mid-flight and restarted', () => {
  let axis: RunningAxis;
  const routers: AppProcess[] = [];

  beforeAll(async () => {
    // Small prefetch: the killed router holds some unacked messages, not the whole backlog.
    axis = await startAxis(
      'fault-kill',
      { AMQP_PREFETCH: '50' },
      { outOfProcess: ['router', 'verifier', 'notifier'] },
    );
  });

  afterAll(async () => {
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
    const first = await spawnApp('router', axis.env, { label: 'first' });
    routers.push(first);
    const dispatchIds = await seedVerifiedDispatches(axis.db);
    console.log(`router ready and ${dispatchIds.length} dispatches seeded after ${elapsed()}`);

    const before = await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected / 4);
    expect(await first.kill()).toBe('SIGKILL');
    const atKill = await waitForDeliveries(axis.db, () => true);
    console.log(
      `router ${first.pid} SIGKILLed with ${atKill.delivered} of ${atKill.expected} deliveries done ` +
        `(${before.delivered} seen just before)`,
    );
    expect(atKill.delivered).toBeLessThan(atKill.expected);

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

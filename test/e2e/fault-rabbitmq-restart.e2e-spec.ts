import { spawnApp, type AppProcess } from '@docaxis/testing/app-process';
import {
  checkExactlyOnce,
  deliveryProgress,
  exactlyOnceExpectation,
  waitForDeliveries,
} from '@docaxis/testing/fault-load';
import { holdDispatches, type HeldDispatches } from '@docaxis/testing/held-dispatches';
import {
  startPrivateRabbitNode,
  type PrivateRabbitNode,
} from '@docaxis/testing/private-rabbitmq-node';
import { queueLoadForRouter } from '@docaxis/testing/router-backlog';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

/**
 * Fault (2) of issue 4: RabbitMQ stops (`rabbitmqctl stop_app`) and starts again while thousands
 * of deliveries are in flight. Every app must reconnect by itself, re-declare its topology,
 * restart its consumers and publish what its outbox still holds; messages taken but not acked
 * when the broker went away are redelivered and deduplicated. The broker is a node of this
 * test's own: the shared one on 5672 serves the other specs and is never restarted.
 */
describe('fault: RabbitMQ is restarted mid-flight', () => {
  let node: PrivateRabbitNode | undefined;
  let skipReason: string | undefined;
  let axis: RunningAxis | undefined;
  const routers: AppProcess[] = [];
  let held: HeldDispatches | undefined;

  beforeAll(async () => {
    const started = await startPrivateRabbitNode();
    if (!started.ok) {
      skipReason = started.reason;
      console.warn(`SKIPPED the RabbitMQ restart fault test: ${started.reason}`);
      return;
    }
    node = started.node;
    // The router runs in a process of its own, started once the load waits in its queue.
    axis = await startAxis(
      'fault-mq',
      { AMQP_URL: node.url, AMQP_PREFETCH: '50' },
      { outOfProcess: ['router', 'verifier', 'notifier'] },
    );
  }, 600_000);

  afterAll(async () => {
    await held?.release();
    for (const router of routers) await router.kill();
    // The prefix lives on the private node, which goes away with everything on it.
    await axis?.stop().catch(() => undefined);
    await node?.shutdown();
  }, 120_000);

  it('delivers every dispatch to every recipient exactly once', async () => {
    if (skipReason || !axis || !node) {
      console.warn(`SKIPPED: ${skipReason ?? 'no private RabbitMQ node'}`);
      return;
    }
    // The broker must stop while the router still has work, however fast it runs against the
    // test's polling and however long `rabbitmqctl stop_app` takes to start (a router consuming
    // while the load was seeded can deliver all of it first). So the whole load waits in its
    // queue before it starts, and the routing of the first dispatch of each lane (every tenth is
    // urgent) is held in the database until the broker is down: those copies cannot be
    // delivered before, and the router holds their messages unacked when the broker goes away.
    const dispatchIds = await queueLoadForRouter(axis, routers);
    held = await holdDispatches(axis.db, dispatchIds.slice(0, 2));
    routers.push(await spawnApp('router', axis.env, { label: 'consuming' }));
    await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected / 4);
    await held.routerInside();
    await node.stopApp();
    const down = await deliveryProgress(axis.db);
    console.log(`RabbitMQ stopped with ${down.delivered} of ${down.expected} deliveries done`);
    expect(down.delivered).toBeLessThan(down.expected);
    // The held routings finish while the broker is away: their acks go nowhere, their delivery
    // requests wait in the outbox; the messages come again after the restart, deduplicated.
    await held.release();
    held = undefined;
    // Long enough for every app to notice, fail publishes into its outbox and back off.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await node.startApp();
    console.log('RabbitMQ started again');

    await waitForDeliveries(axis.db);
    const report = await checkExactlyOnce(axis.db, dispatchIds, 'RabbitMQ restart fault test');
    expect(report).toMatchObject(exactlyOnceExpectation(dispatchIds.length));
  }, 600_000);
});

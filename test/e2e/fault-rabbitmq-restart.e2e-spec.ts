import {
  checkExactlyOnce,
  deliveryProgress,
  exactlyOnceExpectation,
  seedVerifiedDispatches,
  waitForDeliveries,
} from '@docaxis/testing/fault-load';
import {
  startPrivateRabbitNode,
  type PrivateRabbitNode,
} from '@docaxis/testing/private-rabbitmq-node';
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

  beforeAll(async () => {
    const started = await startPrivateRabbitNode();
    if (!started.ok) {
      skipReason = started.reason;
      console.warn(`SKIPPED the RabbitMQ restart fault test: ${started.reason}`);
      return;
    }
    node = started.node;
    axis = await startAxis(
      'fault-mq',
      { AMQP_URL: node.url, AMQP_PREFETCH: '50' },
      { outOfProcess: ['verifier', 'notifier'] },
    );
  }, 600_000);

  afterAll(async () => {
    // The prefix lives on the private node, which goes away with everything on it.
    await axis?.stop().catch(() => undefined);
    await node?.shutdown();
  }, 120_000);

  it('delivers every dispatch to every recipient exactly once', async () => {
    if (skipReason || !axis || !node) {
      console.warn(`SKIPPED: ${skipReason ?? 'no private RabbitMQ node'}`);
      return;
    }
    const dispatchIds = await seedVerifiedDispatches(axis.db);
    await waitForDeliveries(axis.db, (p) => p.delivered >= p.expected / 4);
    await node.stopApp();
    const down = await deliveryProgress(axis.db);
    console.log(`RabbitMQ stopped with ${down.delivered} of ${down.expected} deliveries done`);
    // Long enough for every app to notice, fail publishes into its outbox and back off.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await node.startApp();
    console.log('RabbitMQ started again');
    expect(down.delivered).toBeLessThan(down.expected);

    await waitForDeliveries(axis.db);
    const report = await checkExactlyOnce(axis.db, dispatchIds, 'RabbitMQ restart fault test');
    expect(report).toMatchObject(exactlyOnceExpectation(dispatchIds.length));
  }, 600_000);
});

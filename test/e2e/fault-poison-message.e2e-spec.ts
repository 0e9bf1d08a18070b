import { DeliverToInboxUseCase } from '../../apps/router/src/delivery/deliver-to-inbox.usecase';
import { queueName } from '@docaxis/messaging/topology/topology-names';
import { asAdmin } from '@docaxis/testing/agency-client';
import {
  checkExactlyOnce,
  exactlyOnceExpectation,
  seedVerifiedDispatches,
  waitForDeliveries,
} from '@docaxis/testing/fault-load';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const POISONED_RECIPIENT = '000.00.00.H14';

interface ParkedSummary {
  id: string;
  messageId: string;
  errorCode: string;
  attempts: number;
  state: string;
}

/**
 * Fault (3) of issue 4: the inbox consumer throws on one specific message (one dispatch for one
 * recipient) while thousands of others flow. That message is retried with backoff, then parked
 * with its error, without holding up the others; once the cause is fixed an administrator
 * redrives it and it is delivered, once.
 */
describe('fault: a consumer throws on one specific message', () => {
  let axis: RunningAxis;
  let poisonedDispatch: string | undefined;
  let faultActive = true;
  let injectedFailures = 0;
  let failedBatches = 0;

  beforeAll(async () => {
    // The fault is injected into the router's real use case: one delivery keeps failing.
    const deliver = DeliverToInboxUseCase.prototype.execute;
    jest.spyOn(DeliverToInboxUseCase.prototype, 'execute').mockImplementation(async function (
      this: DeliverToInboxUseCase,
      command,
    ) {
      const poisoned =
        command.dispatchId === poisonedDispatch && command.recipientCode === POISONED_RECIPIENT;
      if (poisoned && faultActive) {
        injectedFailures += 1;
        throw new Error('injected fault: the inbox store refuses this dispatch');
      }
      return deliver.call(this, command);
    });
    // In a batch, the poison fails the whole statement; its messages are then delivered one by
    // one (execute above), so only the poison fails, is retried and parked.
    const deliverMany = DeliverToInboxUseCase.prototype.executeMany;
    jest.spyOn(DeliverToInboxUseCase.prototype, 'executeMany').mockImplementation(async function (
      this: DeliverToInboxUseCase,
      commands,
    ) {
      const poisoned = commands.some(
        (command) =>
          command.dispatchId === poisonedDispatch && command.recipientCode === POISONED_RECIPIENT,
      );
      if (poisoned && faultActive) {
        failedBatches += 1;
        throw new Error('injected fault: the inbox store refuses this batch');
      }
      return deliverMany.call(this, commands);
    });
    // Two short retries, then parked: the test need not wait for the production delays.
    axis = await startAxis(
      'fault-poison',
      { AMQP_PREFETCH: '50', AMQP_RETRY_DELAYS_MS: '200,400' },
      { outOfProcess: ['verifier', 'notifier'] },
    );
  });

  afterAll(async () => {
    await axis?.stop();
    jest.restoreAllMocks();
  });

  it('parks the poison message, delivers all the others, and delivers it once redriven', async () => {
    const dispatchIds = await seedVerifiedDispatches(axis.db);
    poisonedDispatch = dispatchIds[Math.floor(dispatchIds.length / 3)];
    await waitForDeliveries(axis.db, (p) => p.delivered === p.expected - 1);

    const inboxQueue = queueName(axis.env.AMQP_PREFIX!, `inbox.${POISONED_RECIPIENT}`);
    const parked = await waitFor(
      async () =>
        (await asAdmin(axis).get(`/admin/parked-messages?queue=${inboxQueue}`)).body as {
          items: ParkedSummary[];
        },
      (page) => page.items.length > 0,
      'the poison message filed as parked',
      60_000,
    );
    expect(parked.items).toHaveLength(1);
    const [poison] = parked.items;
    expect(poison).toMatchObject({
      errorCode: 'MESSAGING_RETRIES_EXHAUSTED',
      attempts: 3,
      state: 'parked',
    });
    expect(injectedFailures).toBe(3);
    const detail = await asAdmin(axis).get(`/admin/parked-messages/${poison.id}`);
    expect(detail.body.payload).toMatchObject({
      dispatchId: poisonedDispatch,
      recipientCode: POISONED_RECIPIENT,
    });
    expect(detail.body.errorReason).toContain('injected fault');
    console.log(
      `poison message ${poison.messageId} parked after ${injectedFailures} failed attempts ` +
        `(${failedBatches} batches failed with it); ` +
        `${dispatchIds.length * 3 - 1} other deliveries done`,
    );

    // The cause is fixed; the administrator sends it back.
    faultActive = false;
    const redrive = await asAdmin(axis).post(`/admin/parked-messages/${poison.id}/redrive`);
    expect(redrive.status).toBe(200);
    await waitForDeliveries(axis.db);

    const report = await checkExactlyOnce(axis.db, dispatchIds, 'poison message fault test');
    expect(report).toMatchObject(exactlyOnceExpectation(dispatchIds.length));
    const [counts] = await axis.db.query<Array<{ parked: number; redriven: number }>>(
      `SELECT count(*) FILTER (WHERE state = 'parked')::int AS parked,
              count(*) FILTER (WHERE state = 'redriven')::int AS redriven
         FROM parked_messages`,
    );
    console.log(`parked messages after the redrive: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ parked: 0, redriven: 1 });
  }, 600_000);
});

import request from 'supertest';
import { asAgency } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { parsePrometheusText, sampleValue } from '@docaxis/testing/prometheus-text';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const A = '000.00.00.G22';
const B = '000.00.00.H41';
/**
 * Longer than sendAndDeliver waits for a delivery (45 s): the whole pipeline (submission,
 * verification, routing) runs inside the wait, and on a loaded machine a verification alone has
 * taken 16 s, so a 20-second wait could end, empty, before the delivery it was waiting for.
 */
const WAIT_MAX_SECONDS = 50;

/** GET /inbox?wait= holds an empty answer until a delivery wakes it (all four apps). */
describe('inbox long-poll (real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let cursor: string | null;

  beforeAll(async () => {
    axis = await startAxis('long-poll', {
      INBOX_WAIT_MAX_SECONDS: String(WAIT_MAX_SECONDS),
      // Neither interval can end a long wait early while the gateway listens: only the router's
      // announcement of the delivery (InboxDeliveryAnnouncer, after its commit) can.
      INBOX_WAIT_POLL_MS: '10000',
      INBOX_WAIT_SAFETY_POLL_MS: '600000',
    });
    await sendAndDeliver(axis, A, [B]);
    cursor = (await asAgency(axis, B).get('/inbox')).body.nextCursor;
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** Pauses of the gateway's long-polls that a wake-up ended, so far. */
  const wakeups = async (): Promise<number> =>
    sampleValue(
      parsePrometheusText((await request(axis.gatewayManagementUrl).get('/metrics')).text),
      'docaxis_inbox_wakeups_total',
    );

  it('answers early with what arrived while it waited', async () => {
    const wakeupsBefore = await wakeups();
    const waiting = asAgency(axis, B).get(`/inbox?cursor=${cursor}&wait=${WAIT_MAX_SECONDS}`);
    const sent = sendAndDeliver(axis, A, [B]);
    const [response, dispatchId] = await Promise.all([waiting, sent]);
    expect(response.status).toBe(200);
    expect(response.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toEqual([
      dispatchId,
    ]);
    // Answered by the delivery's wake-up, not by a look at the end of the wait (counted, not
    // timed: an elapsed-time bound raced the pipeline). At least one: the announcement of the
    // delivery made before this test may reach the waiting poll too.
    expect(await wakeups()).toBeGreaterThan(wakeupsBefore);
    cursor = response.body.nextCursor;
  }, 120_000);

  it('answers at once when something is already there', async () => {
    const response = await asAgency(axis, B).get('/inbox?wait=20');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
  });

  it('ends an empty wait with an empty page and the same cursor', async () => {
    const response = await asAgency(axis, B).get(`/inbox?cursor=${cursor}&wait=1`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], nextCursor: cursor });
  });

  it('refuses a wait beyond the maximum with WAIT_INVALID', async () => {
    const response = await asAgency(axis, B).get(`/inbox?wait=${WAIT_MAX_SECONDS + 1}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('WAIT_INVALID');
  });
});

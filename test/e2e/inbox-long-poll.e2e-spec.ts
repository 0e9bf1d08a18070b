import { asAgency } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const A = '000.00.00.G22';
const B = '000.00.00.H41';

/** GET /inbox?wait= holds an empty answer until a delivery wakes it (all four apps). */
describe('inbox long-poll (real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let cursor: string | null;

  beforeAll(async () => {
    axis = await startAxis('long-poll', {
      INBOX_WAIT_MAX_SECONDS: '20',
      // Neither interval can end a 20-second wait early: only the router's announcement of the
      // delivery (InboxDeliveryAnnouncer, after its commit) can.
      INBOX_WAIT_POLL_MS: '10000',
      INBOX_WAIT_SAFETY_POLL_MS: '600000',
    });
    await sendAndDeliver(axis, A, [B]);
    cursor = (await asAgency(axis, B).get('/inbox')).body.nextCursor;
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('answers early with what arrived while it waited', async () => {
    const started = Date.now();
    const waiting = asAgency(axis, B).get(`/inbox?cursor=${cursor}&wait=20`);
    const sent = sendAndDeliver(axis, A, [B]);
    const [response, dispatchId] = await Promise.all([waiting, sent]);
    expect(response.status).toBe(200);
    expect(response.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toEqual([
      dispatchId,
    ]);
    // Generous bound: it must not have sat out the whole 20-second wait.
    expect(Date.now() - started).toBeLessThan(19_000);
    cursor = response.body.nextCursor;
  });

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
    const response = await asAgency(axis, B).get('/inbox?wait=21');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('WAIT_INVALID');
  });
});

import { asAgency } from '@docaxis/testing/agency-client';
import { sendDispatches } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const SENDER = '000.00.00.G22';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H20', '000.00.14.H20'];
const DISPATCHES = 20;

/**
 * Broker messages per dispatch, counted from what the audit recorded (it binds `#`, so it sees
 * every event once; a batched event is one message, named in `meta.batch` by each record it
 * made) and the router's processed delivery requests. Load-independent where it matters: the
 * acknowledgements of one `POST /inbox/ack` are one message whatever the timing; how many
 * deliveries share a message depends on how many arrive together, so that count is bounded and
 * printed, not fixed.
 */
describe('broker messages per dispatch (all apps in process)', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('broker-messages', { RATE_LIMIT_PER_AGENCY: '0' });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  it('publishes one event per delivering statement and per acknowledgement request, and audits every copy once', async () => {
    const ids = await sendDispatches(axis, SENDER, RECIPIENTS, DISPATCHES);
    const copies = DISPATCHES * RECIPIENTS.length;
    const recordsOf = (eventType: string) =>
      axis.db
        .query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM audit_records
            WHERE dispatch_id = ANY($1) AND event_type = $2`,
          [ids, eventType],
        )
        .then(([row]) => row.n);
    await waitFor(
      () => recordsOf('dispatch.delivered'),
      (n) => n === copies,
      'deliveries',
    );
    for (const recipient of RECIPIENTS) {
      const response = await asAgency(axis, recipient)
        .post('/inbox/ack')
        .send({ dispatchIds: ids });
      expect(response.status).toBe(200);
    }
    await waitFor(
      () => recordsOf('dispatch.acknowledged'),
      (n) => n === copies,
      'acks',
    );

    // Each (dispatch, recipient) step recorded exactly once.
    const steps = await axis.db.query<{ event_type: string; n: number }[]>(
      `SELECT event_type, count(*)::int AS n FROM (
         SELECT DISTINCT event_type, dispatch_id, recipient_code FROM audit_records
          WHERE dispatch_id = ANY($1)) AS s GROUP BY 1`,
      [ids],
    );
    expect(Object.fromEntries(steps.map((s) => [s.event_type, s.n]))).toEqual({
      'dispatch.submitted': DISPATCHES,
      'dispatch.verified': DISPATCHES,
      'dispatch.routed': DISPATCHES,
      'dispatch.delivered': copies,
      'dispatch.acknowledged': copies,
    });
    const [{ records }] = await axis.db.query<{ records: number }[]>(
      `SELECT count(*)::int AS records FROM audit_records WHERE dispatch_id = ANY($1)`,
      [ids],
    );
    expect(records).toBe(3 * DISPATCHES + 2 * copies);

    // Messages, by the routing key they travelled under.
    const messages = await axis.db.query<{ routing_key: string; n: number }[]>(
      `SELECT payload->'meta'->>'routingKey' AS routing_key,
              count(DISTINCT coalesce(payload->'meta'->'batch'->>'messageId', event_id))::int AS n
         FROM audit_records WHERE dispatch_id = ANY($1) GROUP BY 1`,
      [ids],
    );
    const byKey = Object.fromEntries(messages.map((m) => [m.routing_key, m.n]));
    const deliveredBatches = byKey['dispatch.delivered.batch'];
    expect(byKey).toEqual({
      'dispatch.submitted': DISPATCHES,
      'dispatch.verified': DISPATCHES,
      'dispatch.routed': DISPATCHES,
      'dispatch.delivered.batch': deliveredBatches,
      // One request per recipient: one message each.
      'dispatch.acknowledged.batch': RECIPIENTS.length,
    });
    // At least one per inbox, at most one per copy.
    expect(deliveredBatches).toBeGreaterThanOrEqual(RECIPIENTS.length);
    expect(deliveredBatches).toBeLessThanOrEqual(copies);
    const [{ requests }] = await axis.db.query<{ requests: number }[]>(
      `SELECT count(*)::int AS requests FROM processed_messages
        WHERE consumer = 'router.deliver-to-inbox'`,
    );
    expect(requests).toBe(copies);
    const events = messages.reduce((sum, m) => sum + m.n, 0);
    console.log(
      `Broker messages per dispatch (${DISPATCHES} dispatches, ${RECIPIENTS.length} recipients, ` +
        `one ack request each): ${((events + requests) / DISPATCHES).toFixed(2)} published ` +
        `(${events} events, ${deliveredBatches} of them delivered batches, ${requests} delivery ` +
        `requests); per-dispatch events would be ${3 + 3 * RECIPIENTS.length}`,
    );
  });
});

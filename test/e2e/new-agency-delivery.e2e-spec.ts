import type { INestApplication } from '@nestjs/common';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { asAdmin } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const SENDER = '000.00.00.H41';
const NEW_AGENCY = '000.00.00.H52';

/**
 * An agency registered while the axis runs receives its first dispatch at once: the router's
 * periodic look at the directory is an hour away here, so the delivery can only come from the
 * `directory.changed` the registration published (the router starts consuming the new inbox)
 * or the relay declaring the inbox of a delivery returned unroutable; neither needs an outbox
 * retry.
 */
describe('a newly registered agency', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('new-agency-delivery', { ROUTER_AGENCY_REFRESH_MS: '3600000' });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  const relayStats = () =>
    [axis.gateway, ...axis.workers].map((app: INestApplication) => app.get(OutboxRelay).stats());

  it('receives a dispatch sent right after its registration, without an outbox retry or waiting for the directory refresh', async () => {
    const registered = await asAdmin(axis)
      .post('/admin/agencies')
      .send({ code: NEW_AGENCY, name: 'Ủy ban nhân dân tỉnh Hà Nam' });
    expect(registered.status).toBe(201);

    const dispatchId = await sendAndDeliver(axis, SENDER, [NEW_AGENCY]);

    const [recipient] = await axis.db.query<{ state: string }[]>(
      `SELECT state FROM dispatch_recipients WHERE dispatch_id = $1 AND recipient_code = $2`,
      [dispatchId, NEW_AGENCY],
    );
    expect(recipient.state).toBe('delivered');
    expect(relayStats().map((stats) => stats.failed)).toEqual(relayStats().map(() => 0));
    // A claimed row counts an attempt; one whose publish failed also records its error.
    const [failedRows] = await axis.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE last_error IS NOT NULL`,
    );
    expect(failedRows.count).toBe(0);
  });
});

import { connect } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { queueName, topologyNames } from '@docaxis/messaging/topology/topology-names';
import { asAdmin, asAgency, asAuditor } from '@docaxis/testing/agency-client';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const B = '000.00.00.H41';

interface ParkedRow {
  id: string;
  messageId: string;
  state: string;
  sourceQueue: string;
}

/**
 * The administrator's view of parked messages: a delivery message breaking its contract is parked
 * by the router, filed by its collector, then listed, inspected, redriven or discarded here.
 */
describe('parked messages admin API (router collector, gateway, audit; real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let inboxQueue: string;

  beforeAll(async () => {
    axis = await startAxis('parked');
    inboxQueue = queueName(axis.env.AMQP_PREFIX!, `inbox.${B}`);
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** Publishes a delivery message the router must refuse (its dispatchId is not a UUID). */
  async function publishPoison(): Promise<string> {
    const messageId = uuidv7();
    const connection = await connect(axis.env.AMQP_URL!);
    try {
      const channel = await connection.createConfirmChannel();
      channel.publish(
        topologyNames(axis.env.AMQP_PREFIX!).deliveryExchange,
        B,
        Buffer.from(JSON.stringify({ dispatchId: 'not-a-uuid', recipientCode: B, priority: 0 })),
        {
          messageId,
          type: 'delivery.requested',
          contentType: 'application/json',
          persistent: true,
          headers: { 'x-correlation-id': 'poison-test' },
        },
      );
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
    return messageId;
  }

  async function parkedRows(messageId: string): Promise<ParkedRow[]> {
    return axis.db.query<ParkedRow[]>(
      `SELECT id, message_id AS "messageId", state, source_queue AS "sourceQueue"
         FROM parked_messages WHERE message_id = $1 ORDER BY id`,
      [messageId],
    );
  }

  async function filed(messageId: string, count = 1): Promise<ParkedRow[]> {
    return waitFor(
      () => parkedRows(messageId),
      (rows) => rows.length >= count,
      `parked message ${messageId} filed ${count} time(s)`,
    );
  }

  async function auditCount(eventType: string, parkedId: string): Promise<number> {
    const [row] = await axis.db.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM audit_records
        WHERE event_type = $1 AND payload->'body'->>'parkedMessageId' = $2`,
      [eventType, parkedId],
    );
    return row.count;
  }

  it('refuses every caller but the administrator', async () => {
    for (const caller of [asAgency(axis, B), asAuditor(axis)]) {
      const response = await caller.get('/admin/parked-messages');
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('ROLE_NOT_GRANTED');
    }
    const redrive = await asAgency(axis, B).post(`/admin/parked-messages/${uuidv7()}/redrive`);
    expect(redrive.status).toBe(403);
  });

  it('lists a parked message (filtered by queue, by cursor) and shows it in full', async () => {
    const first = await publishPoison();
    const second = await publishPoison();
    const [row] = await filed(first);
    await filed(second);
    expect(row).toMatchObject({ state: 'parked', sourceQueue: inboxQueue });

    const page1 = await asAdmin(axis).get(`/admin/parked-messages?queue=${inboxQueue}&limit=1`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0]).toMatchObject({
      messageId: first,
      messageType: 'delivery.requested',
      errorCode: 'MESSAGING_PAYLOAD_INVALID',
      state: 'parked',
    });
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await asAdmin(axis).get(
      `/admin/parked-messages?queue=${inboxQueue}&limit=1&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.map((i: ParkedRow) => i.messageId)).toEqual([second]);
    const otherQueue = await asAdmin(axis).get(`/admin/parked-messages?queue=nowhere`);
    expect(otherQueue.body).toEqual({ items: [], nextCursor: null });

    const detail = await asAdmin(axis).get(`/admin/parked-messages/${row.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: row.id,
      messageId: first,
      attempts: expect.any(Number),
      errorReason: expect.stringContaining('dispatchId'),
      payloadEncoding: 'json',
      payload: { dispatchId: 'not-a-uuid', recipientCode: B },
      headers: expect.objectContaining({ 'x-correlation-id': 'poison-test' }),
    });
  });

  it('refuses bad queries and unknown ids with stable codes', async () => {
    const badLimit = await asAdmin(axis).get('/admin/parked-messages?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.code).toBe('PARKED_MESSAGE_QUERY_INVALID');
    const badCursor = await asAdmin(axis).get('/admin/parked-messages?cursor=bm9wZQ');
    expect(badCursor.body.error.code).toBe('PARKED_MESSAGE_QUERY_INVALID');
    const badState = await asAdmin(axis).get('/admin/parked-messages?state=lost');
    expect(badState.status).toBe(400);
    for (const id of [uuidv7(), 'not-an-id']) {
      for (const response of [
        await asAdmin(axis).get(`/admin/parked-messages/${id}`),
        await asAdmin(axis).post(`/admin/parked-messages/${id}/redrive`),
        await asAdmin(axis).post(`/admin/parked-messages/${id}/discard`).send({ reason: 'x' }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('PARKED_MESSAGE_NOT_FOUND');
      }
    }
  });

  it('redrives through the outbox under the same message id, once, audited', async () => {
    const messageId = await publishPoison();
    const [row] = await filed(messageId);
    const redrive = await asAdmin(axis).post(`/admin/parked-messages/${row.id}/redrive`);
    expect(redrive.status).toBe(200);
    expect(redrive.body).toMatchObject({ state: 'redriven', resolvedBy: expect.any(String) });

    // Still poison: the router refuses it again and it is filed a second time, same id.
    const rows = await filed(messageId, 2);
    expect(rows.map((r) => r.state)).toEqual(['redriven', 'parked']);
    expect(rows[1].sourceQueue).toBe(inboxQueue);

    const again = await asAdmin(axis).post(`/admin/parked-messages/${row.id}/redrive`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'PARKED_MESSAGE_ALREADY_RESOLVED',
      details: { state: 'redriven' },
    });
    await waitFor(
      () => auditCount('parked-message.redriven', row.id),
      (count) => count === 1,
      'the redrive audited',
    );
  });

  it('discards with a reason, audited; a second decision is a conflict', async () => {
    const messageId = await publishPoison();
    const [row] = await filed(messageId);
    const noReason = await asAdmin(axis).post(`/admin/parked-messages/${row.id}/discard`).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('DISCARD_REASON_INVALID');

    const discard = await asAdmin(axis)
      .post(`/admin/parked-messages/${row.id}/discard`)
      .send({ reason: 'test message, never a real dispatch' });
    expect(discard.status).toBe(200);
    expect(discard.body).toMatchObject({
      state: 'discarded',
      resolutionReason: 'test message, never a real dispatch',
    });
    const listed = await asAdmin(axis).get(`/admin/parked-messages?state=discarded`);
    expect(listed.body.items.map((i: ParkedRow) => i.id)).toContain(row.id);

    for (const response of [
      await asAdmin(axis).post(`/admin/parked-messages/${row.id}/redrive`),
      await asAdmin(axis).post(`/admin/parked-messages/${row.id}/discard`).send({ reason: 'x' }),
    ]) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('PARKED_MESSAGE_ALREADY_RESOLVED');
    }
    await waitFor(
      () => auditCount('parked-message.discarded', row.id),
      (count) => count === 1,
      'the discard audited',
    );
  });
});

import { connect } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import { queueName, topologyNames } from '@docaxis/messaging/topology/topology-names';
import { asAdmin, asAgency } from '@docaxis/testing/agency-client';
import { sendAndDeliver } from '@docaxis/testing/dispatch-delivery';
import { parsePrometheusText, sampleValue } from '@docaxis/testing/prometheus-text';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22'; // sender
const B = '000.00.00.H41'; // recipient

interface NoticeView {
  id: string;
  code: string;
  deliveredAt: string | null;
  skipped: { at: string; reason: string | null } | null;
}

/**
 * Status notices reach the router in any order (competing routers, a parked message): each is
 * made ready and acked, and the delivery of the one before releases it, with no retry. The
 * notices' rows are written here and their `status.noticed` messages published by hand, so the
 * spec decides the order in which the router gets them.
 */
describe('status notice order without retries (router, gateway admin API; real RabbitMQ and PostgreSQL)', () => {
  let axis: RunningAxis;
  let dispatchId: string;
  let consumers: ConsumerHost;

  beforeAll(async () => {
    axis = await startAxis('notice-order', {
      // While deliveries are heard, a waiting long-poll looks again only every 600 s: within its
      // 20-second wait, only an announced delivery (or its first look) can answer it with items.
      INBOX_WAIT_POLL_MS: '10000',
      INBOX_WAIT_SAFETY_POLL_MS: '600000',
    });
    dispatchId = await sendAndDeliver(axis, A, [B]);
    consumers = axis.workers[2].get(ConsumerHost);
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** B's notices, recorded as the gateway would, minus their messages (published by `announce`). */
  async function record(codes: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const code of codes) {
      const id = uuidv7();
      await axis.db.query(
        `INSERT INTO status_notices (id, dispatch_id, recipient_code, author_code, addressee_code,
           notice_id, status_code, noticed_at, recorded_at, request_digest)
         VALUES ($1::uuid, $2, $3, $3, $4, $1::text, $5, now(), clock_timestamp(), repeat('0', 64))`,
        [id, dispatchId, B, A, code],
      );
      ids.push(id);
    }
    return ids;
  }

  function noticed(id: string, code: string) {
    return {
      dispatchId,
      senderCode: A,
      recipientCode: B,
      statusNoticeId: id,
      authorCode: B,
      addresseeCode: A,
      statusCode: code,
      occurredAt: new Date().toISOString(),
      actor: 'CN=e2e',
    };
  }

  /** Publishes the notice's `status.noticed` message as the gateway's outbox relay would. */
  async function announce(id: string, code: string, messageId = uuidv7()): Promise<string> {
    const connection = await connect(axis.env.AMQP_URL!);
    try {
      const channel = await connection.createConfirmChannel();
      channel.publish(
        topologyNames(axis.env.AMQP_PREFIX!).eventsExchange,
        'status.noticed',
        Buffer.from(JSON.stringify(noticed(id, code))),
        {
          messageId,
          type: 'status.noticed',
          contentType: 'application/json',
          persistent: true,
        },
      );
      await channel.waitForConfirms();
    } finally {
      await connection.close();
    }
    return messageId;
  }

  /**
   * A parked (poisoned) `status.noticed` message for the notice, as the router's collector files
   * one after its retries ran out; with `body`, one whose body is that instead.
   */
  async function parked(id: string, code: string, body?: Buffer): Promise<string> {
    const parkedId = uuidv7();
    await axis.db.query(
      `INSERT INTO parked_messages (id, message_id, message_type, source_queue, routing_key,
         error_code, error_reason, attempts, headers, properties, body, parked_at, state)
       VALUES ($1, $2, 'status.noticed', $3, 'status.noticed', 'MESSAGING_RETRIES_EXHAUSTED',
         'database unavailable', 4, '{}', '{}', $4, now(), 'parked')`,
      [
        parkedId,
        uuidv7(),
        queueName(axis.env.AMQP_PREFIX!, 'router.status-noticed'),
        body ?? Buffer.from(JSON.stringify(noticed(id, code))),
      ],
    );
    return parkedId;
  }

  async function readyAt(id: string): Promise<Date | null> {
    const [row] = await axis.db.query<{ ready_at: Date | null }[]>(
      `SELECT ready_at FROM status_notices WHERE id = $1`,
      [id],
    );
    return row.ready_at;
  }

  /** Waits until the router has handled the notice's message: made ready, not yet delivered. */
  const madeReady = (id: string, what: string) =>
    waitFor(
      () => readyAt(id),
      (at) => at !== null,
      what,
    );

  /** The sender's inbox: the codes of these notices, in inbox order. */
  async function inboxCodes(ids: readonly string[]): Promise<string[]> {
    const body = (await asAgency(axis, A).get('/inbox?limit=100')).body;
    return body.items
      .filter((i: { kind: string; notice?: NoticeView }) => i.kind === 'status')
      .map((i: { notice: NoticeView }) => i.notice)
      .filter((n: NoticeView) => ids.includes(n.id))
      .map((n: NoticeView) => n.code);
  }

  const delivered = (ids: readonly string[], count: number, what: string) =>
    waitFor(
      () => inboxCodes(ids),
      (codes) => codes.length === count,
      what,
    );

  async function routerMetric(name: string): Promise<number> {
    const text = await (await fetch(`${axis.workerUrls.router}/metrics`)).text();
    return sampleValue(parsePrometheusText(text), name);
  }

  it("delivers a notice whose message came before its predecessor's, in order, without a retry", async () => {
    const before = consumers.stats();
    const [received, accepted] = await record(['01', '03']);
    await announce(accepted, '03');
    // Handled (made ready, acked), not delivered: it waits for 01.
    await madeReady(accepted, '03 made ready');
    expect(await inboxCodes([received, accepted])).toEqual([]);
    expect(await routerMetric('docaxis_status_notices_waiting')).toBe(1);

    await announce(received, '01');
    expect(await delivered([received, accepted], 2, 'both notices delivered')).toEqual([
      '01',
      '03',
    ]);
    const after = consumers.stats();
    expect(after.retried - before.retried).toBe(0);
    expect(after.requeued - before.requeued).toBe(0);
    expect(after.parked - before.parked).toBe(0);
    expect(await routerMetric('docaxis_status_notices_waiting')).toBe(0);
  });

  it('keeps later notices waiting behind a parked one, and releases them on discard with the gap recorded', async () => {
    const [assigned, processing, done] = await record(['04', '05', '06']);
    const parkedId = await parked(assigned, '04');
    await announce(processing, '05');
    await announce(done, '06');
    await madeReady(done, '06 made ready');
    await madeReady(processing, '05 made ready');
    // Visible to the operator: the parked message, the waiting count, the dispatch's notices.
    expect(await routerMetric('docaxis_status_notices_waiting')).toBe(2);
    const waiting = (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body;
    const views = (waiting.notices as NoticeView[]).filter((n) =>
      [processing, done].includes(n.id),
    );
    expect(views.map((n) => n.deliveredAt)).toEqual([null, null]);

    // A's long-poll, sent first and given a head start so that it is most likely waiting when
    // the discard releases the notices into A's inbox (not a bound: either order passes below).
    const cursor = (await asAgency(axis, A).get('/inbox?limit=200')).body.nextCursor;
    const longPoll = asAgency(axis, A)
      .get(`/inbox?cursor=${cursor}&wait=20`)
      .then((response) => response); // sent now, not when awaited
    await new Promise((resolve) => setTimeout(resolve, 300));
    const discard = await asAdmin(axis)
      .post(`/admin/parked-messages/${parkedId}/discard`)
      .send({ reason: 'notice 04 lost with its payload' });
    expect(discard.status).toBe(200);
    // Answered with the released notices: by the discard's announcement (after its commit), as
    // no interval looks within the wait (above); or, had the poll come after the discard, by its
    // first look. Either way without waiting out the 20 s, which would answer no items.
    const woken = await longPoll;
    expect(woken.body.items.map((item: { kind: string }) => item.kind)).toContain('status');
    expect(await delivered([assigned, processing, done], 2, '05 and 06 released')).toEqual([
      '05',
      '06',
    ]);
    const after = (await asAgency(axis, A).get(`/dispatches/${dispatchId}`)).body;
    expect((after.notices as NoticeView[]).find((n) => n.id === assigned)).toMatchObject({
      deliveredAt: null,
      skipped: { at: expect.any(String), reason: 'notice 04 lost with its payload' },
    });
    // Both released notices announced (the audit records each status.delivered).
    await waitFor(
      async () =>
        (
          await axis.db.query<{ count: number }[]>(
            `SELECT count(*)::int AS count FROM audit_records
              WHERE event_type = 'status.delivered'
                AND payload->'body'->>'statusNoticeId' = ANY($1)`,
            [[processing, done]],
          )
        )[0].count,
      (count) => count === 2,
      'the two deliveries audited',
    );
  });

  it('releases the waiting notices when the parked one is redriven', async () => {
    const dispatch2 = await sendAndDeliver(axis, A, [B]);
    const previous = dispatchId;
    dispatchId = dispatch2;
    try {
      const [received, accepted] = await record(['01', '03']);
      const parkedId = await parked(received, '01');
      await announce(accepted, '03');
      await madeReady(accepted, '03 made ready');
      expect(await inboxCodes([received, accepted])).toEqual([]);

      const redrive = await asAdmin(axis).post(`/admin/parked-messages/${parkedId}/redrive`);
      expect(redrive.status).toBe(200);
      expect(await delivered([received, accepted], 2, 'both delivered after redrive')).toEqual([
        '01',
        '03',
      ]);
    } finally {
      dispatchId = previous;
    }
  });

  it('releases the notices behind a parked message nobody can read: listed as blocking, skipped by an operator with a reason, audited', async () => {
    const previous = dispatchId;
    dispatchId = await sendAndDeliver(axis, A, [B]);
    try {
      const [received, accepted, assigned] = await record(['01', '03', '04']);
      // 01's message parked with a body that is not a status.noticed: discarding it cannot tell
      // which notice it was, so nothing is released by the discard.
      const parkedId = await parked(received, '01', Buffer.from('{"statusNoticeId": 42'));
      const discard = await asAdmin(axis)
        .post(`/admin/parked-messages/${parkedId}/discard`)
        .send({ reason: 'unreadable body' });
      expect(discard.status).toBe(200);
      // Nothing ready waits behind 01 yet: merely late, it holds nothing back, and a skip now
      // would lose it for good. Refused, and nothing changes.
      const early = await asAdmin(axis)
        .post(`/admin/status-notices/${received}/skip`)
        .set('Accept-Language', 'en')
        .send({ reason: 'too early' });
      expect([early.status, early.body.error.code, early.body.error.details.state]).toEqual([
        409,
        'STATUS_NOTICE_NOT_SKIPPABLE',
        'not-blocking',
      ]);
      expect(early.body.error.message).toContain('holds nothing back');
      expect(await readyAt(received)).toBeNull();
      await announce(accepted, '03');
      await announce(assigned, '04');
      await madeReady(accepted, '03 made ready');
      await madeReady(assigned, '04 made ready');
      expect(await inboxCodes([received, accepted, assigned])).toEqual([]);

      const blocking = await asAdmin(axis).get('/admin/status-notices/blocking').expect(200);
      const listed = blocking.body.items.filter(
        (item: { notice: NoticeView }) => item.notice.id === received,
      );
      expect(listed).toEqual([
        {
          notice: expect.objectContaining({ id: received, code: '01', deliveredAt: null }),
          waiting: 2,
          waitingSince: expect.any(String),
        },
      ]);

      const badLimits = [
        await asAdmin(axis).get('/admin/status-notices/blocking?limit=0'),
        await asAdmin(axis).get('/admin/status-notices/blocking?limit=201'),
        await asAdmin(axis).get('/admin/status-notices/blocking?limit=ten'),
      ];
      expect(badLimits.map((r) => [r.status, r.body.error.code])).toEqual([
        [400, 'LIMIT_INVALID'],
        [400, 'LIMIT_INVALID'],
        [400, 'LIMIT_INVALID'],
      ]);

      const skip = (id: string, body: object) =>
        asAdmin(axis).post(`/admin/status-notices/${id}/skip`).send(body);
      const refusals = [
        await skip(received, {}),
        await skip(received, { reason: ' ' }),
        await skip(received, { reason: 'x'.repeat(2001) }),
        await skip(received, { reason: 42 }),
        await skip('not-a-uuid', { reason: 'x' }),
        await skip(uuidv7(), { reason: 'x' }),
        await skip(accepted, { reason: 'x' }),
      ];
      expect(
        refusals.map((r) => [r.status, r.body.error.code, r.body.error.details?.state]),
      ).toEqual([
        [400, 'SKIP_REASON_INVALID', undefined],
        [400, 'SKIP_REASON_INVALID', undefined],
        [400, 'SKIP_REASON_INVALID', undefined],
        [400, 'SKIP_REASON_INVALID', undefined],
        [404, 'STATUS_NOTICE_NOT_FOUND', undefined],
        [404, 'STATUS_NOTICE_NOT_FOUND', undefined],
        [409, 'STATUS_NOTICE_NOT_SKIPPABLE', 'ready'],
      ]);
      expect(await inboxCodes([received, accepted, assigned])).toEqual([]);

      const reason = 'status.noticed of 01 parked unreadable';
      const skipped = await skip(received, { reason });
      expect(skipped.status).toBe(200);
      expect(skipped.body).toEqual({
        notice: expect.objectContaining({
          id: received,
          deliveredAt: null,
          skipped: { at: expect.any(String), reason },
        }),
        released: [
          { id: accepted, deliverySeq: expect.any(Number) },
          { id: assigned, deliverySeq: expect.any(Number) },
        ],
      });
      expect(await inboxCodes([received, accepted, assigned])).toEqual(['03', '04']);
      const again = [await skip(received, { reason }), await skip(accepted, { reason })];
      expect(again.map((r) => [r.status, r.body.error.code, r.body.error.details.state])).toEqual([
        [409, 'STATUS_NOTICE_NOT_SKIPPABLE', 'skipped'],
        [409, 'STATUS_NOTICE_NOT_SKIPPABLE', 'delivered'],
      ]);
      const after = await asAdmin(axis).get('/admin/status-notices/blocking').expect(200);
      expect(
        after.body.items.some((item: { notice: NoticeView }) => item.notice.id === received),
      ).toBe(false);
      // The operator's decision is audited once, with the reason and who took it.
      const audited = await waitFor(
        () =>
          axis.db.query<{ actor: string; reason: string }[]>(
            `SELECT actor, payload->'body'->>'reason' AS reason FROM audit_records
              WHERE event_type = 'status.skipped' AND payload->'body'->>'statusNoticeId' = $1`,
            [received],
          ),
        (rows) => rows.length > 0,
        'the skip audited',
      );
      expect(audited).toEqual([{ actor: expect.stringContaining('CN='), reason }]);
    } finally {
      dispatchId = previous;
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { deliveredBatchEventOf, deliveryOf } from '@docaxis/testing/inbox-delivery';
import { recordQueries, statementVerb } from '@docaxis/testing/recorded-queries';
import { sessionsWaitingForLocks } from '@docaxis/testing/lock-waits';
import { waitFor } from '@docaxis/testing/wait-for';
import { InboxRepository } from '../inbox/inbox.repository';
import type { OutboxRow } from '../outbox/outbox-row';
import { DispatchRepository, type DispatchRouting } from './dispatch.repository';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const OTHER_RECIPIENT = '000.00.00.H20';

describe('DispatchRepository: inbox positions (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let dispatches: DispatchRepository;
  let inbox: InboxRepository;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('inbox-order', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
      { code: OTHER_RECIPIENT, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    dispatches = new DispatchRepository(dataSource);
    inbox = new InboxRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A dispatch already queued for each recipient. */
  async function queuedDispatch(recipients: readonly string[]): Promise<string> {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    for (const code of recipients) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state, queued_at)
         VALUES ($1, $2, 'queued', now())`,
        [id, code],
      );
    }
    return id;
  }

  async function waitingAdvisoryLocks(): Promise<number> {
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return row.n;
  }

  it('makes inbox positions visible in the order they were taken, so a cursor never passes one', async () => {
    const earlier = await queuedDispatch([RECIPIENT, OTHER_RECIPIENT]);
    const later = await queuedDispatch([RECIPIENT]);

    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      const earlierCopy = await dispatches.deliver(deliveryOf(earlier, RECIPIENT), slow.manager);
      expect(earlierCopy).toMatchObject({ senderCode: SENDER, correlationId: earlier });

      // A second delivery to the same agency (one statement, no transaction of its own) must wait
      // for the first to commit, before it takes a position…
      let laterSeq: number | null | undefined;
      const laterDelivery = dispatches
        .deliver(deliveryOf(later, RECIPIENT))
        .then((copy) => (laterSeq = copy?.deliverySeq ?? null));
      await waitFor(waitingAdvisoryLocks, (n) => n === 1, 'the later delivery to wait');
      expect(laterSeq).toBeUndefined();
      expect(await lastPositionTaken()).toBe(earlierCopy!.deliverySeq);
      expect(await inbox.page(RECIPIENT, 0, 10)).toEqual([]);

      // …while a delivery to another agency does not.
      const other = await dispatches.deliver(deliveryOf(earlier, OTHER_RECIPIENT));
      expect(other).not.toBeNull();

      await slow.commitTransaction();
      await laterDelivery;
      expect(laterSeq).toBeGreaterThan(earlierCopy!.deliverySeq);
      const page = await inbox.page(RECIPIENT, 0, 10);
      expect(page.map((entry) => entry.dispatch.id)).toEqual([earlier, later]);
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
  });

  it('does not move a dispatch that was already delivered (redelivery)', async () => {
    const id = await queuedDispatch([RECIPIENT]);
    // Another message asking for the same copy (the mark alone would not stop it).
    expect(await dispatches.deliver(deliveryOf(id, RECIPIENT))).not.toBeNull();
    expect(await dispatches.deliver(deliveryOf(id, RECIPIENT))).toBeNull();
  });

  /** What the router asks for a dispatch.verified: templates the statement completes. */
  function routingOf(dispatchId: string, messageId: string): DispatchRouting {
    const row = (messageType: string, destination: 'events' | 'delivery', payload: object) => ({
      id: randomUUID(),
      destination,
      routingKey: messageType,
      messageType,
      payload: JSON.stringify({ dispatchId, occurredAt: new Date().toISOString(), ...payload }),
      headers: '{}',
      priority: 0,
      correlationId: null,
    });
    return {
      dispatchId,
      mark: { consumer: 'router.route-dispatch', messageId },
      deliveryRequest: row('delivery.requested', 'delivery', { recipientCode: 'X', priority: 0 }),
      announcement: row('dispatch.routed', 'events', { senderCode: 'X', recipientCodes: ['X'] }),
      withdrawal: row('dispatch.withdrawn', 'events', { senderCode: 'X', recipientCodes: ['X'] }),
    };
  }

  /** A verified dispatch with these recipients still pending. */
  async function verifiedDispatch(recipients: readonly string[]): Promise<string> {
    const id = await queuedDispatch([]);
    await dataSource.query(`UPDATE dispatches SET state = 'verified' WHERE id = $1`, [id]);
    for (const code of recipients) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'pending')`,
        [id, code],
      );
    }
    return id;
  }

  /** What RecallDispatch writes for a dispatch not routed yet: every pending copy withdrawn. */
  const RECALL_BEFORE_ROUTING = [
    `UPDATE dispatches SET recalled_at = now(), recall_reason = 'Sai sót' WHERE id = $1`,
    `UPDATE dispatch_recipients SET state = 'recalled', recalled_at = now()
      WHERE dispatch_id = $1 AND state = 'pending'`,
  ];

  async function outcomeOf(id: string): Promise<{ state: string; events: unknown[] }> {
    const [{ state }] = await dataSource.query(`SELECT state FROM dispatches WHERE id = $1`, [id]);
    const events = await dataSource.query(
      `SELECT id::text, message_type, payload, correlation_id FROM outbox_messages
        WHERE payload->>'dispatchId' = $1 ORDER BY message_type, routing_key`,
      [id],
    );
    return { state, events };
  }

  it('routes a verified dispatch once, in one statement: recipients queued, one request each and the event', async () => {
    const id = await queuedDispatch([]);
    await dataSource.query(`UPDATE dispatches SET state = 'verified', priority = 2 WHERE id = $1`, [
      id,
    ]);
    for (const code of [RECIPIENT, OTHER_RECIPIENT]) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'pending')`,
        [id, code],
      );
    }
    const routing = routingOf(id, `verified-${id}`);
    const { mark } = routing;
    const statements = recordQueries(dataSource);
    expect(await dispatches.route(routing)).toBe('routed');
    expect(statements.splice(0).map(statementVerb)).toEqual(['WITH']);
    const rows = await dataSource.query(
      `SELECT d.state AS dispatch_state, r.state, r.queued_at IS NOT NULL AS stamped
         FROM dispatches d JOIN dispatch_recipients r ON r.dispatch_id = d.id WHERE d.id = $1`,
      [id],
    );
    expect(rows).toEqual([
      { dispatch_state: 'routed', state: 'queued', stamped: true },
      { dispatch_state: 'routed', state: 'queued', stamped: true },
    ]);
    const messages: Record<string, unknown>[] = await dataSource.query(
      `SELECT id::text, destination, routing_key, message_type, payload, priority, correlation_id
         FROM outbox_messages WHERE payload->>'dispatchId' = $1 ORDER BY routing_key`,
      [id],
    );
    const [first, second] = [OTHER_RECIPIENT, RECIPIENT].sort();
    const request = (code: string) => ({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-/),
      destination: 'delivery',
      routing_key: code,
      message_type: 'delivery.requested',
      payload: expect.objectContaining({ dispatchId: id, recipientCode: code, priority: 2 }),
      priority: 2,
      correlation_id: id,
    });
    expect(messages).toEqual([
      request(first),
      request(second),
      {
        id: routing.announcement.id,
        destination: 'events',
        routing_key: 'dispatch.routed',
        message_type: 'dispatch.routed',
        payload: expect.objectContaining({
          dispatchId: id,
          senderCode: SENDER,
          recipientCodes: [first, second],
        }),
        priority: 0,
        correlation_id: id,
      },
    ]);
    // The same message again: its mark is there. Another message: the dispatch is routed.
    expect(await dispatches.route(routingOf(id, mark.messageId))).toBeNull();
    const other = routingOf(id, `other-${id}`);
    expect(await dispatches.route(other)).toBeNull();
    expect(await processedMarks(mark.consumer, [mark.messageId, other.mark.messageId])).toEqual([
      mark.messageId,
      other.mark.messageId,
    ]);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE payload->>'dispatchId' = $1`,
      [id],
    );
    expect(n).toBe(3);
  });

  it('ends a dispatch recalled before routing as withdrawn, in the routing statement, with one dispatch.withdrawn naming every recipient', async () => {
    const id = await verifiedDispatch([RECIPIENT, OTHER_RECIPIENT]);
    for (const sql of RECALL_BEFORE_ROUTING) await dataSource.query(sql, [id]);
    const routing = routingOf(id, `verified-${id}`);
    const statements = recordQueries(dataSource);
    expect(await dispatches.route(routing)).toBe('withdrawn');
    expect(statements.splice(0).map(statementVerb)).toEqual(['WITH']);
    expect(await outcomeOf(id)).toEqual({
      state: 'withdrawn',
      events: [
        {
          id: routing.withdrawal.id,
          message_type: 'dispatch.withdrawn',
          payload: expect.objectContaining({
            dispatchId: id,
            senderCode: SENDER,
            recipientCodes: [OTHER_RECIPIENT, RECIPIENT].sort(),
          }),
          correlation_id: id,
        },
      ],
    });
    const copies = await dataSource.query(
      `SELECT state FROM dispatch_recipients WHERE dispatch_id = $1`,
      [id],
    );
    expect(copies).toEqual([{ state: 'recalled' }, { state: 'recalled' }]);
    // Redelivered, or another message: it is no longer verified, nothing more is written.
    expect(await dispatches.route(routingOf(id, routing.mark.messageId))).toBeNull();
    expect(await dispatches.route(routingOf(id, `other-${id}`))).toBeNull();
    expect((await outcomeOf(id)).events).toHaveLength(1);
    expect(await processedMarks(routing.mark.consumer, [routing.mark.messageId])).toEqual([
      routing.mark.messageId,
    ]);
  });

  it('withdraws, not routes, when the recall commits while routing waits for the dispatch row', async () => {
    const id = await verifiedDispatch([RECIPIENT]);
    const recall = dataSource.createQueryRunner();
    await recall.connect();
    await recall.startTransaction();
    try {
      await recall.query(`SELECT 1 FROM dispatches WHERE id = $1 FOR UPDATE`, [id]);
      for (const sql of RECALL_BEFORE_ROUTING) await recall.query(sql, [id]);
      // Routing starts before the recall commits: its snapshot still shows the copy pending.
      const routed = dispatches.route(routingOf(id, `verified-${id}`));
      await waitFor(
        () => sessionsWaitingForLocks(dataSource),
        (n) => n === 1,
        'routing to wait for the dispatch row',
      );
      await recall.commitTransaction();
      expect(await routed).toBe('withdrawn');
    } finally {
      if (recall.isTransactionActive) await recall.rollbackTransaction();
      await recall.release();
    }
    const { state, events } = await outcomeOf(id);
    expect(state).toBe('withdrawn');
    expect(events).toEqual([expect.objectContaining({ message_type: 'dispatch.withdrawn' })]);
    const [copy] = await dataSource.query(
      `SELECT state FROM dispatch_recipients WHERE dispatch_id = $1`,
      [id],
    );
    expect(copy).toEqual({ state: 'recalled' });
  });

  it('delivers once per message, writing the mark and the completed announcement with it', async () => {
    const id = await queuedDispatch([RECIPIENT]);
    const delivery = deliveryOf(id, RECIPIENT, `delivery-${id}`);
    const { consumer, messageId } = delivery.mark;
    // A failing statement (smallint out of range) leaves neither mark, delivery nor event.
    await expect(
      dispatches.deliver({
        ...delivery,
        announcement: { ...delivery.announcement, priority: 40_000 },
      }),
    ).rejects.toThrow();
    expect(await processedMarks(consumer, [messageId])).toEqual([]);
    const first = await dispatches.deliver(delivery);
    expect(first).toMatchObject({ senderCode: SENDER, correlationId: id });
    expect(await processedMarks(consumer, [messageId])).toEqual([messageId]);
    const [event] = await dataSource.query(
      `SELECT payload, correlation_id FROM outbox_messages WHERE id = $1`,
      [delivery.announcement.id],
    );
    expect(event).toEqual({
      payload: expect.objectContaining({
        recipientCode: RECIPIENT,
        deliveries: [
          {
            dispatchId: id,
            senderCode: SENDER,
            deliverySeq: first!.deliverySeq,
            correlationId: id,
          },
        ],
      }),
      correlation_id: id,
    });
    // The same message again: its mark stops it before the lock.
    expect(await dispatches.deliver(deliveryOf(id, RECIPIENT, messageId))).toBeNull();
  });

  it('delivers a batch of messages to one recipient in one statement, each copy once whatever is redelivered in it, announced by one event', async () => {
    const [a, b, c, done] = [
      await queuedDispatch([RECIPIENT]),
      await queuedDispatch([RECIPIENT]),
      await queuedDispatch([RECIPIENT]),
      await queuedDispatch([RECIPIENT]),
    ];
    const alreadyDone = deliveryOf(done, RECIPIENT);
    expect(await dispatches.deliver(alreadyDone)).not.toBeNull();
    const first = deliveryOf(a, RECIPIENT);
    const batch = [
      first,
      deliveryOf(b, RECIPIENT),
      // The same message twice in one batch (a redelivery that arrived before the first's ack).
      deliveryOf(c, RECIPIENT, 'twice'),
      deliveryOf(c, RECIPIENT, 'twice'),
      // A redelivered message whose mark is already there, and another message for a copy the
      // batch delivers.
      deliveryOf(done, RECIPIENT, alreadyDone.mark.messageId),
      deliveryOf(a, RECIPIENT),
    ];
    const statements = recordQueries(dataSource);
    const announcement = deliveredBatchEventOf(RECIPIENT);
    const copies = await dispatches.deliverMany(batch, announcement);
    expect(statements.splice(0).map(statementVerb)).toEqual(['WITH']);
    expect(copies.map((copy) => copy !== null)).toEqual([true, true, true, false, false, false]);
    expect(copies[0]).toMatchObject({ senderCode: SENDER, correlationId: a });
    const rows: { dispatch_id: string; delivery_seq: string }[] = await dataSource.query(
      `SELECT dispatch_id, delivery_seq FROM dispatch_recipients
        WHERE dispatch_id = ANY($1::uuid[]) AND recipient_code = $2 AND state = 'delivered'
        ORDER BY delivery_seq`,
      [[a, b, c], RECIPIENT],
    );
    expect(new Set(rows.map((row) => row.delivery_seq)).size).toBe(3);
    // One event for the statement, listing the three copies it delivered in position order
    // (each with its dispatch's correlation id; the event, listing several, has none).
    const events = await dataSource.query(
      `SELECT id, message_type, payload, correlation_id FROM outbox_messages
        WHERE payload->>'recipientCode' = $1 AND payload ? 'deliveries'
          AND payload->'deliveries' @> jsonb_build_array(jsonb_build_object('dispatchId', $2::text))`,
      [RECIPIENT, a],
    );
    expect(events).toEqual([
      {
        id: announcement.id,
        message_type: 'dispatch.delivered.batch',
        correlation_id: null,
        payload: expect.objectContaining({
          recipientCode: RECIPIENT,
          actor: 'router',
          deliveries: rows.map((row) => ({
            dispatchId: row.dispatch_id,
            senderCode: SENDER,
            deliverySeq: Number(row.delivery_seq),
            correlationId: row.dispatch_id,
          })),
        }),
      },
    ]);
    expect(
      await processedMarks(
        first.mark.consumer,
        batch.map((d) => d.mark.messageId),
      ),
    ).toEqual([...new Set(batch.map((d) => d.mark.messageId))].sort().reverse());
    // The whole batch again (the broker redelivering it after a lost connection): nothing, not
    // even an event.
    const again = deliveredBatchEventOf(RECIPIENT);
    expect(await dispatches.deliverMany(batch, again)).toEqual(batch.map(() => null));
    expect(
      await dataSource.query(`SELECT 1 FROM outbox_messages WHERE id = $1`, [again.id]),
    ).toEqual([]);
  });

  it('writes nothing of a batch whose statement fails', async () => {
    const [a, b] = [await queuedDispatch([RECIPIENT]), await queuedDispatch([RECIPIENT])];
    const good = deliveryOf(a, RECIPIENT);
    const bad = deliveryOf(b, RECIPIENT);
    const event = deliveredBatchEventOf(RECIPIENT);
    const poisoned = { ...event, priority: 40_000 };
    await expect(dispatches.deliverMany([good, bad], poisoned)).rejects.toThrow();
    expect(await processedMarks(good.mark.consumer, [good.mark.messageId])).toEqual([]);
    expect(
      await dataSource.query(`SELECT 1 FROM outbox_messages WHERE id = $1`, [event.id]),
    ).toEqual([]);
    expect(await dispatches.deliverMany([good, bad], event)).toEqual([
      expect.objectContaining({ senderCode: SENDER }),
      expect.objectContaining({ senderCode: SENDER }),
    ]);
  });

  async function lastPositionTaken(): Promise<number> {
    const [row] = await dataSource.query<{ last_value: string }[]>(
      `SELECT last_value FROM delivery_seq`,
    );
    return Number(row.last_value);
  }

  async function processedMarks(consumer: string, messageIds: string[]): Promise<string[]> {
    const rows: { message_id: string }[] = await dataSource.query(
      `SELECT message_id FROM processed_messages WHERE consumer = $1 AND message_id = ANY($2)
        ORDER BY message_id DESC`,
      [consumer, messageIds],
    );
    return rows.map((row) => row.message_id);
  }
});

describe('DispatchRepository.acknowledge (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let dispatches: DispatchRepository;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('acknowledge', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
    ]));
    dispatches = new DispatchRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A dispatch from SENDER with RECIPIENT's copy in the given state. */
  async function dispatchWithCopy(state: string, deliveredAt: 'now()' | 'NULL' = 'now()') {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state, delivered_at)
       VALUES ($1, $2, $3, ${deliveredAt})`,
      [id, RECIPIENT, state],
    );
    return id;
  }

  /** The dispatch.acknowledged.batch template the gateway checks before the statement. */
  function announcement(): OutboxRow {
    return {
      id: randomUUID(),
      destination: 'events',
      routingKey: 'dispatch.acknowledged.batch',
      messageType: 'dispatch.acknowledged.batch',
      payload: JSON.stringify({
        acknowledgements: [{ dispatchId: randomUUID(), senderCode: RECIPIENT }],
        recipientCode: RECIPIENT,
        occurredAt: new Date(0).toISOString(),
        actor: 'CN=recipient',
      }),
      headers: '{}',
      priority: 0,
      correlationId: 'corr-ack',
    };
  }

  function acknowledge(ids: string[], recipientCode = RECIPIENT, manager = dataSource.manager) {
    const template = announcement();
    const facts = dispatches.acknowledge(
      { dispatchIds: ids, recipientCode, announcement: template },
      manager,
    );
    return { facts, eventId: template.id };
  }

  /** The acknowledgement events that list the dispatch. */
  async function eventsOf(dispatchId: string) {
    return dataSource.query(
      `SELECT id, payload, correlation_id FROM outbox_messages
        WHERE message_type = 'dispatch.acknowledged.batch'
          AND payload->'acknowledgements' @> jsonb_build_array(
                jsonb_build_object('dispatchId', $1::text))`,
      [dispatchId],
    );
  }

  it('moves delivered and fetched copies, announces them in one event and reads the rest, in one statement, in the order asked', async () => {
    const delivered = await dispatchWithCopy('delivered');
    const fetched = await dispatchWithCopy('fetched');
    const acknowledged = await dispatchWithCopy('acknowledged');
    const queued = await dispatchWithCopy('queued', 'NULL');
    const unknown = randomUUID();

    const manager = dataSource.createEntityManager();
    const statements = recordQueries(manager);
    const { facts: pending, eventId } = acknowledge(
      [fetched.toUpperCase(), unknown, acknowledged, delivered, queued],
      RECIPIENT,
      manager,
    );
    const facts = await pending;

    expect(statements.map(statementVerb)).toEqual(['WITH']);
    expect(
      facts.map((f) => [f.dispatchId, f.moved, f.senderCode, f.recipient?.state ?? null]),
    ).toEqual([
      [fetched.toUpperCase(), true, SENDER, 'acknowledged'],
      [unknown, false, null, null],
      [acknowledged, false, SENDER, 'acknowledged'],
      [delivered, true, SENDER, 'acknowledged'],
      [queued, false, SENDER, 'queued'],
    ]);
    const acknowledgedAt = facts[0].recipient?.acknowledgedAt;
    expect(acknowledgedAt).toBeInstanceOf(Date);
    // The moved copies in the order asked (the request's spelling of an id is not kept).
    expect(await eventsOf(fetched)).toEqual([
      {
        id: eventId,
        correlation_id: 'corr-ack',
        payload: {
          acknowledgements: [
            { dispatchId: fetched, senderCode: SENDER },
            { dispatchId: delivered, senderCode: SENDER },
          ],
          recipientCode: RECIPIENT,
          occurredAt: acknowledgedAt!.toISOString(),
          actor: 'CN=recipient',
        },
      },
    ]);
    for (const id of [acknowledged, queued, unknown]) expect(await eventsOf(id)).toEqual([]);
  });

  it('announces nothing on a second acknowledgement, and moves nothing for the sender', async () => {
    const delivered = await dispatchWithCopy('delivered');
    expect((await acknowledge([delivered]).facts)[0].moved).toBe(true);
    const { facts: againFacts, eventId: againEventId } = acknowledge([delivered]);
    const again = await againFacts;
    expect(again[0]).toMatchObject({ moved: false, recipient: { state: 'acknowledged' } });
    expect(await eventsOf(delivered)).toHaveLength(1);
    expect(
      await dataSource.query(`SELECT 1 FROM outbox_messages WHERE id = $1`, [againEventId]),
    ).toEqual([]);

    const another = await dispatchWithCopy('delivered');
    const asSender = await acknowledge([another], SENDER).facts;
    expect(asSender[0]).toMatchObject({ moved: false, senderCode: SENDER, recipient: null });
    expect(await eventsOf(another)).toEqual([]);
  });

  it('answers with the committed state of a copy another transaction acknowledged while it waited', async () => {
    const fetched = await dispatchWithCopy('fetched');
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `UPDATE dispatch_recipients SET state = 'acknowledged', acknowledged_at = now()
          WHERE dispatch_id = $1 AND recipient_code = $2`,
        [fetched, RECIPIENT],
      );
      const pending = acknowledge([fetched]).facts;
      await waitFor(
        () =>
          dataSource.query<unknown[]>(
            `SELECT 1 FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND datname = current_database()`,
          ),
        (waiting) => waiting.length > 0,
        'the acknowledgement to wait for the row lock',
      );
      await runner.commitTransaction();
      const [fact] = await pending;
      expect(fact).toMatchObject({ moved: false, recipient: { state: 'acknowledged' } });
    } finally {
      await runner.release();
    }
    expect(await eventsOf(fetched)).toEqual([]);
  });
});

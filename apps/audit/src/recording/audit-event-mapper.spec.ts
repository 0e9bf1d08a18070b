import { payloadDigestOf } from '@docaxis/audit-trail/chain/audit-record-hash';
import { AuditEventMapper, bodyFromContent, type InboundAuditMessage } from './audit-event-mapper';

const DISPATCH_ID = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0e';
const RECEIVED_AT = new Date('2026-03-12T09:00:00.000Z');

const mapper = new AuditEventMapper({
  knownEventTypes: new Set(['dispatch.submitted', 'dispatch.delivered']),
  maxBodyBytes: 2048,
});

function message(overrides: Partial<InboundAuditMessage> = {}): InboundAuditMessage {
  return {
    messageId: '0196f7a2-0000-7000-8000-000000000001',
    messageType: 'dispatch.submitted',
    routingKey: 'dispatch.submitted',
    correlationId: 'corr-1',
    receivedAt: RECEIVED_AT,
    body: {
      dispatchId: DISPATCH_ID,
      senderCode: '000.00.00.G22',
      recipientCodes: ['000.00.00.H41', '000.00.14.H20'],
      fileCount: 2,
      documentId: '000.00.00.G22,2026/03/12,05/VPCP-KSTT',
      occurredAt: '2026-03-12T08:15:30.123Z',
      actor: 'CN=Văn phòng Chính phủ TEST, OU=000.00.00.G22',
    },
    ...overrides,
  };
}

describe('AuditEventMapper', () => {
  it('maps a known event: ids and codes to columns, the body kept whole in the payload', () => {
    const event = mapper.map(message());
    expect(event).toEqual({
      eventId: '0196f7a2-0000-7000-8000-000000000001',
      eventType: 'dispatch.submitted',
      occurredAt: new Date('2026-03-12T08:15:30.123Z'),
      dispatchId: DISPATCH_ID,
      senderCode: '000.00.00.G22',
      recipientCode: null, // two recipients: the list stays in the payload
      actor: 'CN=Văn phòng Chính phủ TEST, OU=000.00.00.G22',
      payload: {
        body: message().body as object,
        meta: {
          routingKey: 'dispatch.submitted',
          messageType: 'dispatch.submitted',
          correlationId: 'corr-1',
        },
      },
    });
  });

  it('takes a single recipient from recipientCode or a one-element recipientCodes', () => {
    const single = mapper.map(
      message({ body: { dispatchId: DISPATCH_ID, recipientCode: '000.00.00.H41' } }),
    );
    expect(single.recipientCode).toBe('000.00.00.H41');
    const listOfOne = mapper.map(message({ body: { recipientCodes: ['000.00.14.H20'] } }));
    expect(listOfOne.recipientCode).toBe('000.00.14.H20');
  });

  it('lower-cases the dispatch id, as PostgreSQL returns a uuid (the hash must re-compute)', () => {
    const event = mapper.map(message({ body: { dispatchId: DISPATCH_ID.toUpperCase() } }));
    expect(event.dispatchId).toBe(DISPATCH_ID);
  });

  it('records an unknown event type all the same, flagged', () => {
    const event = mapper.map(
      message({ messageType: 'dispatch.teleported', routingKey: 'dispatch.teleported' }),
    );
    expect(event.eventType).toBe('dispatch.teleported');
    expect(event.payload.meta).toMatchObject({ unknownEventType: true });
  });

  it('falls back to the routing key when the AMQP type is missing', () => {
    const event = mapper.map(message({ messageType: undefined, routingKey: 'dispatch.delivered' }));
    expect(event.eventType).toBe('dispatch.delivered');
    expect(event.payload.meta).toEqual({
      routingKey: 'dispatch.delivered',
      correlationId: 'corr-1',
    });
  });

  it('keeps what does not fit a column in the payload and lists the anomalies', () => {
    const body = {
      dispatchId: 'not-a-uuid',
      senderCode: 'X'.repeat(36),
      recipientCode: 42,
      actor: '',
      occurredAt: 'yesterday',
    };
    const publishedAt = new Date('2026-03-12T08:59:59.000Z');
    const event = mapper.map(message({ body, publishedAt }));
    expect(event).toMatchObject({
      dispatchId: null,
      senderCode: null,
      recipientCode: null,
      actor: null,
      occurredAt: publishedAt,
    });
    expect(event.payload.body).toEqual(body);
    expect(event.payload.meta).toMatchObject({
      publishedAt: '2026-03-12T08:59:59.000Z',
      anomalies: [
        'ACTOR_INVALID',
        'DISPATCH_ID_INVALID',
        'OCCURRED_AT_INVALID',
        'RECIPIENT_CODE_INVALID',
        'SENDER_CODE_INVALID',
      ],
    });
  });

  it('uses the time received when neither the body nor AMQP says when the event occurred', () => {
    const event = mapper.map(message({ body: { dispatchId: DISPATCH_ID } }));
    expect(event.occurredAt).toBe(RECEIVED_AT);
    expect(event.payload.meta).toMatchObject({ anomalies: ['OCCURRED_AT_MISSING'] });
  });

  it('derives a stable event id when the message has none, so a redelivery is still recorded once', () => {
    const first = mapper.map(message({ messageId: undefined }));
    const again = mapper.map(message({ messageId: '  ', receivedAt: new Date() }));
    expect(first.eventId).toMatch(/^sha256:[0-9a-f]{56}$/);
    expect(again.eventId).toBe(first.eventId);
    const otherBody = mapper.map(
      message({ messageId: undefined, body: { dispatchId: DISPATCH_ID } }),
    );
    expect(otherBody.eventId).not.toBe(first.eventId);
    expect(first.payload.meta).toMatchObject({ anomalies: ['MESSAGE_ID_MISSING'] });
  });

  it('hashes an id longer than the column instead of cutting it (two long ids stay distinct)', () => {
    const a = mapper.map(message({ messageId: `${'a'.repeat(64)}-1` }));
    const b = mapper.map(message({ messageId: `${'a'.repeat(64)}-2` }));
    expect(a.eventId).toMatch(/^sha256:[0-9a-f]{56}$/);
    expect(a.eventId).not.toBe(b.eventId);
    expect(a.payload.meta).toMatchObject({ anomalies: ['MESSAGE_ID_TOO_LONG'] });
  });

  it('cuts an event type longer than its column and says so; names a missing one "unknown"', () => {
    const long = mapper.map(message({ messageType: 't'.repeat(80) }));
    expect(long.eventType).toBe('t'.repeat(64));
    expect(long.payload.meta).toMatchObject({
      anomalies: ['EVENT_TYPE_TOO_LONG'],
      unknownEventType: true,
    });
    const missing = mapper.map(message({ messageType: undefined, routingKey: '' }));
    expect(missing.eventType).toBe('unknown');
    expect(missing.payload.meta).toMatchObject({ anomalies: ['EVENT_TYPE_MISSING'] });
  });

  it('replaces characters PostgreSQL cannot store (NUL, lone surrogates), in values and keys', () => {
    const event = mapper.map(message({ body: { note: 'a\u0000b', ['k\ud800']: 'x\udc00' } }));
    expect(event.payload.body).toEqual({ note: 'a\ufffdb', ['k\ufffd']: 'x\ufffd' });
    expect(event.payload.meta).toMatchObject({
      anomalies: ['OCCURRED_AT_MISSING', 'TEXT_SANITIZED'],
    });
  });

  it('replaces a body over the size limit by its digest, size and keys', () => {
    const body = { dispatchId: DISPATCH_ID, blob: 'A'.repeat(5000) };
    const event = mapper.map(message({ body }));
    expect(event.dispatchId).toBe(DISPATCH_ID);
    expect(event.payload.body).toEqual({
      omitted: true,
      canonicalSha256: payloadDigestOf(body),
      canonicalBytes: JSON.stringify({ blob: body.blob, dispatchId: DISPATCH_ID }).length,
      keys: ['blob', 'dispatchId'],
    });
    expect(event.payload.meta).toMatchObject({
      anomalies: ['BODY_TOO_LARGE', 'OCCURRED_AT_MISSING'],
    });
  });

  it('records a body that is not an object, or not JSON at all', () => {
    const list = mapper.map(message({ body: [1, 2] }));
    expect(list.payload.body).toEqual([1, 2]);
    expect(list.payload.meta).toMatchObject({
      anomalies: ['BODY_NOT_AN_OBJECT', 'OCCURRED_AT_MISSING'],
    });

    const garbage = mapper.map(
      message({ body: bodyFromContent(Buffer.from('%PDF-1.7 \xff'), 'application/pdf') }),
    );
    expect(garbage.payload.body).toMatchObject({
      notJson: true,
      contentType: 'application/pdf',
      bytes: 11,
    });
    expect((garbage.payload.body as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(garbage.payload.meta).toMatchObject({
      anomalies: ['BODY_NOT_JSON', 'OCCURRED_AT_MISSING'],
    });
  });

  it('decodes JSON content as JSON', () => {
    expect(bodyFromContent(Buffer.from('{"a":[1,"đ"]}'))).toEqual({ a: [1, 'đ'] });
  });

  it('always produces a payload the chain can hash', () => {
    const odd = mapper.map(
      message({ body: { when: new Date(0), gone: undefined, n: Number.NaN } }),
    );
    expect(odd.payload.body).toEqual({ when: '1970-01-01T00:00:00.000Z', n: null });
    expect(() => payloadDigestOf(odd.payload)).not.toThrow();
  });
});

describe('AuditEventMapper.mapAll: batched events', () => {
  const OTHER_DISPATCH = '0196f7a2-5c1e-7b3a-9d4e-2f1a6b8c9d0f';
  const batchMapper = new AuditEventMapper({
    knownEventTypes: new Set([
      'dispatch.delivered',
      'dispatch.delivered.batch',
      'dispatch.acknowledged',
      'dispatch.acknowledged.batch',
    ]),
  });
  const deliveredBatch = (overrides: Partial<InboundAuditMessage> = {}): InboundAuditMessage =>
    message({
      messageId: 'batch-1',
      messageType: 'dispatch.delivered.batch',
      routingKey: 'dispatch.delivered.batch',
      correlationId: undefined,
      body: {
        recipientCode: '000.00.00.H41',
        occurredAt: '2026-03-12T08:15:30.123Z',
        actor: 'router',
        deliveries: [
          {
            dispatchId: DISPATCH_ID,
            senderCode: '000.00.00.G22',
            deliverySeq: 7,
            correlationId: 'c-a',
          },
          { dispatchId: OTHER_DISPATCH, senderCode: '000.00.14.H20', deliverySeq: 8 },
        ],
      },
      ...overrides,
    });

  it('records a delivered batch as the per-dispatch records its events made, one per copy', () => {
    expect(batchMapper.mapAll(deliveredBatch())).toEqual([
      {
        eventId: 'batch-1#0',
        eventType: 'dispatch.delivered',
        occurredAt: new Date('2026-03-12T08:15:30.123Z'),
        dispatchId: DISPATCH_ID,
        senderCode: '000.00.00.G22',
        recipientCode: '000.00.00.H41',
        actor: 'router',
        payload: {
          body: {
            dispatchId: DISPATCH_ID,
            senderCode: '000.00.00.G22',
            recipientCode: '000.00.00.H41',
            deliverySeq: 7,
            occurredAt: '2026-03-12T08:15:30.123Z',
            actor: 'router',
          },
          meta: {
            routingKey: 'dispatch.delivered.batch',
            messageType: 'dispatch.delivered.batch',
            correlationId: 'c-a',
            batch: { messageId: 'batch-1', index: 0, size: 2 },
          },
        },
      },
      expect.objectContaining({
        eventId: 'batch-1#1',
        eventType: 'dispatch.delivered',
        dispatchId: OTHER_DISPATCH,
        senderCode: '000.00.14.H20',
        recipientCode: '000.00.00.H41',
        // No correlation id of its own, and the message has none either.
        payload: expect.objectContaining({
          meta: {
            routingKey: 'dispatch.delivered.batch',
            messageType: 'dispatch.delivered.batch',
            batch: { messageId: 'batch-1', index: 1, size: 2 },
          },
        }),
      }),
    ]);
  });

  it('maps a redelivered batch to the same event ids, so the chain records each copy once', () => {
    const first = batchMapper.mapAll(deliveredBatch()).map((e) => e.eventId);
    const again = batchMapper.mapAll(deliveredBatch({ receivedAt: new Date() }));
    expect(again.map((e) => e.eventId)).toEqual(first);
    // Without a message id: stable stand-ins, still one per copy and the same each time.
    const anonymous = batchMapper.mapAll(deliveredBatch({ messageId: undefined }));
    expect(anonymous.map((e) => e.eventId)).toEqual(
      batchMapper.mapAll(deliveredBatch({ messageId: undefined })).map((e) => e.eventId),
    );
    expect(new Set(anonymous.map((e) => e.eventId)).size).toBe(2);
    for (const event of anonymous) expect(event.eventId.length).toBeLessThanOrEqual(64);
  });

  it('records an acknowledged batch per dispatch, with the request correlation id', () => {
    const events = batchMapper.mapAll(
      message({
        messageId: 'ack-1',
        messageType: 'dispatch.acknowledged.batch',
        routingKey: 'dispatch.acknowledged.batch',
        correlationId: 'req-9',
        body: {
          recipientCode: '000.00.00.H41',
          occurredAt: '2026-03-12T08:20:00.000Z',
          actor: 'CN=UBND tỉnh Nghệ An',
          acknowledgements: [
            { dispatchId: OTHER_DISPATCH, senderCode: '000.00.14.H20' },
            { dispatchId: DISPATCH_ID, senderCode: '000.00.00.G22' },
          ],
        },
      }),
    );
    expect(
      events.map((e) => [e.eventId, e.eventType, e.dispatchId, e.senderCode, e.recipientCode]),
    ).toEqual([
      ['ack-1#0', 'dispatch.acknowledged', OTHER_DISPATCH, '000.00.14.H20', '000.00.00.H41'],
      ['ack-1#1', 'dispatch.acknowledged', DISPATCH_ID, '000.00.00.G22', '000.00.00.H41'],
    ]);
    expect(events[1].payload).toMatchObject({
      body: { dispatchId: DISPATCH_ID, actor: 'CN=UBND tỉnh Nghệ An' },
      meta: { correlationId: 'req-9', batch: { messageId: 'ack-1', index: 1, size: 2 } },
    });
  });

  it('keeps a batch that breaks its contract whole, flagged, rather than guessing its items', () => {
    const [event, ...rest] = batchMapper.mapAll(
      deliveredBatch({ body: { recipientCode: '000.00.00.H41', deliveries: 'lost' } }),
    );
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      eventId: 'batch-1',
      eventType: 'dispatch.delivered.batch',
      recipientCode: '000.00.00.H41',
      payload: {
        body: { deliveries: 'lost' },
        meta: { anomalies: ['BATCH_INVALID', 'OCCURRED_AT_MISSING'] },
      },
    });
  });

  it('maps any other message to the one record `map` makes', () => {
    expect(batchMapper.mapAll(message())).toEqual([batchMapper.map(message())]);
  });
});

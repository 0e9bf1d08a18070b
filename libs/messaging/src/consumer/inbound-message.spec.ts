import type { ConsumeMessage } from 'amqplib';
import { parseInboundMessage } from './inbound-message';

function delivery(
  content: string,
  properties: Record<string, unknown> = {},
  fields: Partial<ConsumeMessage['fields']> = {},
): ConsumeMessage {
  return {
    content: Buffer.from(content),
    fields: {
      deliveryTag: 1,
      redelivered: false,
      exchange: 'docaxis.events',
      routingKey: 'dispatch.submitted',
      consumerTag: 'c',
      ...fields,
    },
    properties: {
      contentType: 'application/json',
      messageId: 'm-1',
      type: 'dispatch.submitted',
      headers: {},
      ...properties,
    },
  } as unknown as ConsumeMessage;
}

describe('parseInboundMessage', () => {
  it('decodes id, type, correlation id, body, delivery count and routing', () => {
    const result = parseInboundMessage(
      delivery(
        '{"dispatchId":"d"}',
        {
          correlationId: 'corr-1',
          timestamp: 1_800_000_000,
          headers: { 'x-delivery-count': 2, a: 'b' },
        },
        { redelivered: true },
      ),
    );
    expect(result).toEqual({
      ok: true,
      message: {
        messageId: 'm-1',
        type: 'dispatch.submitted',
        correlationId: 'corr-1',
        body: { dispatchId: 'd' },
        redelivered: true,
        deliveryCount: 2,
        headers: { 'x-delivery-count': 2, a: 'b' },
        exchange: 'docaxis.events',
        routingKey: 'dispatch.submitted',
        publishedAt: new Date(1_800_000_000_000),
      },
    });
  });

  it('counts a first delivery as 0 and falls back to the correlation header', () => {
    const result = parseInboundMessage(
      delivery('{}', { correlationId: undefined, headers: { 'x-correlation-id': 'from-header' } }),
    );
    expect(result.ok && result.message.deliveryCount).toBe(0);
    expect(result.ok && result.message.correlationId).toBe('from-header');
  });

  it.each([
    ['no messageId', delivery('{}', { messageId: undefined }), 'no messageId property'],
    ['no type', delivery('{}', { type: '' }), 'no type property'],
    ['not JSON', delivery('{"broken', {}), 'body is not valid JSON'],
    ['a JSON array', delivery('[1,2]'), 'body is not a JSON object'],
    ['JSON null', delivery('null'), 'body is not a JSON object'],
    [
      'another content type',
      delivery('{}', { contentType: 'text/plain' }),
      'content type "text/plain" is not JSON',
    ],
  ])('refuses a message with %s', (_label, message, reason) => {
    const result = parseInboundMessage(message);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('accepts JSON with a charset parameter and a missing content type', () => {
    expect(
      parseInboundMessage(delivery('{}', { contentType: 'application/json; charset=utf-8' })).ok,
    ).toBe(true);
    expect(parseInboundMessage(delivery('{}', { contentType: undefined })).ok).toBe(true);
  });
});

import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import { encodeBody, publishOptionsFor, type OutboundMessage } from './outbound-message';

const message: OutboundMessage = {
  exchange: 'events',
  routingKey: 'dispatch.submitted',
  messageId: '0190f3a0-0000-7000-8000-000000000001',
  type: 'dispatch.submitted',
  body: { a: 1 },
  correlationId: 'corr-123456',
  headers: { 'x-origin': 'gateway' },
  priority: 3,
};

describe('publishOptionsFor', () => {
  it('publishes persistent, mandatory JSON with id, type, priority and the correlation id twice', () => {
    const before = Math.floor(Date.now() / 1000);
    const options = publishOptionsFor(message, 'gateway');
    expect(options).toMatchObject({
      persistent: true,
      mandatory: true,
      contentType: 'application/json',
      messageId: message.messageId,
      type: 'dispatch.submitted',
      correlationId: 'corr-123456',
      priority: 3,
      appId: 'gateway',
      headers: { 'x-origin': 'gateway', 'x-correlation-id': 'corr-123456' },
    });
    expect(options.timestamp).toBeGreaterThanOrEqual(before);
  });

  it('sets no correlation header without a correlation id', () => {
    const options = publishOptionsFor({ ...message, correlationId: undefined, headers: undefined });
    expect(options.headers).toEqual({});
  });

  it.each([
    ['an empty messageId', { messageId: '' }],
    ['an empty type', { type: '' }],
    ['a priority above 255', { priority: 256 }],
    ['a fractional priority', { priority: 1.5 }],
  ])('refuses %s', (_label, change) => {
    expect(() => publishOptionsFor({ ...message, ...change })).toThrow(InvalidInputError);
  });

  it('encodes the body as UTF-8 JSON', () => {
    expect(encodeBody({ subject: 'Công văn' }).toString('utf8')).toBe('{"subject":"Công văn"}');
  });
});

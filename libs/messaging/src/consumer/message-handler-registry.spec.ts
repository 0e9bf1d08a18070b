import { agencyInboxQueue, defineConsumerQueue } from '../topology/consumer-queue-definition';
import { HandlerWiringError } from './handler-wiring.error';
import type { InboundMessage } from './inbound-message';
import { MessageHandlerRegistry } from './message-handler-registry';
import { UnprocessableMessageError } from './unprocessable-message.error';

const submitted = defineConsumerQueue({
  name: 'verifier.dispatch-submitted',
  bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
});
const noop = () => Promise.resolve();

function inbound(type: string, body: object): InboundMessage {
  return {
    messageId: 'm-1',
    type,
    body,
    redelivered: false,
    deliveryCount: 0,
    headers: {},
    exchange: 'docaxis.events',
    routingKey: type,
  };
}

const validSubmitted = {
  occurredAt: '2026-11-23T10:00:00Z',
  actor: 'gateway',
  dispatchId: '0190f3a0-0000-7000-8000-000000000001',
  senderCode: '000.00.00.G22',
  recipientCodes: ['000.00.00.H41'],
  fileCount: 1,
};

describe('MessageHandlerRegistry', () => {
  it('accepts a consumed queue with one handler per type', () => {
    const registry = new MessageHandlerRegistry()
      .consume(submitted)
      .handle(submitted, 'dispatch.submitted', noop);
    expect(registry.problems()).toEqual([]);
    expect(() => registry.validate()).not.toThrow();
  });

  it('refuses to start with a consumed queue that has no handler', () => {
    const registry = new MessageHandlerRegistry().consume(submitted);
    expect(() => registry.validate()).toThrow(HandlerWiringError);
    expect(registry.problems()).toEqual([
      'queue "verifier.dispatch-submitted" is consumed but has no handler',
    ]);
  });

  it('refuses a type with two handlers on one queue', () => {
    const registry = new MessageHandlerRegistry()
      .consume(submitted)
      .handle(submitted, 'dispatch.submitted', noop)
      .handle('verifier.dispatch-submitted', 'dispatch.submitted', noop);
    expect(registry.problems()).toEqual([
      'type "dispatch.submitted" has 2 handlers on queue "verifier.dispatch-submitted"',
    ]);
    try {
      registry.validate();
      throw new Error('validate() did not throw');
    } catch (error) {
      expect(error).toBeInstanceOf(HandlerWiringError);
      expect((error as HandlerWiringError).code).toBe('MESSAGING_HANDLER_WIRING');
    }
  });

  it('refuses handlers for a queue nobody consumes, and types the bindings never bring', () => {
    const registry = new MessageHandlerRegistry()
      .consume(submitted)
      .handle(submitted, 'dispatch.submitted', noop)
      .handle(submitted, 'dispatch.verified', noop)
      .handle('router.dispatch-verified', 'dispatch.verified', noop);
    expect(registry.problems()).toEqual([
      'queue "verifier.dispatch-submitted" has a handler for "dispatch.verified" but no binding that routes it there',
      'handlers are registered for queue "router.dispatch-verified", which is not consumed',
    ]);
  });

  it('lets a `#` queue handle every event and an inbox queue handle delivery requests', () => {
    const audit = defineConsumerQueue({
      name: 'audit.events',
      bindings: [{ exchange: 'events', routingKey: '#' }],
    });
    const inbox = agencyInboxQueue('000.00.00.H41');
    const registry = new MessageHandlerRegistry()
      .consume(audit)
      .consume(inbox)
      .handle(audit, 'dispatch.refused', noop)
      .handle(audit, 'dispatch.routed', noop)
      .handle(inbox, 'delivery.requested', noop);
    expect(registry.problems()).toEqual([]);
  });

  it('dispatches by type, with the body checked against its contract', async () => {
    const seen: unknown[] = [];
    const registry = new MessageHandlerRegistry()
      .consume(submitted)
      .handle(submitted, 'dispatch.submitted', (message) => {
        seen.push(message.body.recipientCodes);
        return Promise.resolve();
      });
    await registry.dispatcherFor(submitted.name)(inbound('dispatch.submitted', validSubmitted));
    expect(seen).toEqual([['000.00.00.H41']]);
  });

  it('throws UnprocessableMessageError for an unknown type and for a body breaking its contract', async () => {
    const registry = new MessageHandlerRegistry()
      .consume(submitted)
      .handle(submitted, 'dispatch.submitted', noop);
    const dispatch = registry.dispatcherFor(submitted.name);
    await expect(dispatch(inbound('dispatch.exploded', {}))).rejects.toMatchObject({
      constructor: UnprocessableMessageError,
      code: 'MESSAGING_UNKNOWN_MESSAGE_TYPE',
    });
    await expect(dispatch(inbound('dispatch.verified', validSubmitted))).rejects.toMatchObject({
      code: 'MESSAGING_UNKNOWN_MESSAGE_TYPE',
    });
    await expect(
      dispatch(inbound('dispatch.submitted', { ...validSubmitted, fileCount: 'two' })),
    ).rejects.toMatchObject({
      code: 'MESSAGING_PAYLOAD_INVALID',
    });
  });
});

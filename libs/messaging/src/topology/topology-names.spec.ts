import { TopologyNameInvalidError } from './topology-name-invalid.error';
import { agencyInboxQueue, defineConsumerQueue } from './consumer-queue-definition';
import {
  consumerQueueArguments,
  parkedQueueArguments,
  retryQueueArguments,
} from './queue-arguments';
import { validateRetryDelays } from './retry-delays';
import {
  exchangeName,
  queueName,
  retryStepNames,
  topologyNames,
  TOPOLOGY_VERSION,
} from './topology-names';

describe('topology names', () => {
  it('derives every exchange and the parked queue from the prefix', () => {
    const names = topologyNames('docaxis');
    expect(names).toEqual({
      prefix: 'docaxis',
      eventsExchange: 'docaxis.events',
      deliveryExchange: 'docaxis.delivery',
      deadLetterExchange: 'docaxis.dead-letter',
      parkedQueue: `docaxis.parked.v${TOPOLOGY_VERSION}`,
    });
    expect(exchangeName(names, 'events')).toBe('docaxis.events');
    expect(exchangeName(names, 'delivery')).toBe('docaxis.delivery');
  });

  it('puts the topology version in queue names, so an incompatible change is a new queue', () => {
    expect(TOPOLOGY_VERSION).toBe(1);
    expect(queueName('dxt-abc', 'verifier.dispatch-submitted')).toBe(
      'dxt-abc.verifier.dispatch-submitted.v1',
    );
  });

  it.each(['', 'Docaxis', 'doc axis', '.docaxis', 'a'.repeat(64), 'doc/axis'])(
    'refuses the prefix %j',
    (prefix) => {
      expect(() => topologyNames(prefix)).toThrow(TopologyNameInvalidError);
      try {
        topologyNames(prefix);
      } catch (error) {
        expect((error as TopologyNameInvalidError).code).toBe('MESSAGING_NAME_INVALID');
      }
    },
  );

  it.each(['', 'Verifier', 'has space', '.leading', 'a/b'])('refuses the queue name %j', (name) => {
    expect(() => queueName('docaxis', name)).toThrow(TopologyNameInvalidError);
  });
});

describe('queue definitions', () => {
  it('describes a consumer queue by logical names, frozen', () => {
    const queue = defineConsumerQueue({
      name: 'verifier.dispatch-submitted',
      bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
    });
    expect(queue).toEqual({
      name: 'verifier.dispatch-submitted',
      bindings: [{ exchange: 'events', routingKey: 'dispatch.submitted' }],
    });
    expect(Object.isFrozen(queue)).toBe(true);
    expect(Object.isFrozen(queue.bindings[0])).toBe(true);
  });

  it('accepts topic wildcards on the events exchange', () => {
    expect(() =>
      defineConsumerQueue({
        name: 'audit.events',
        bindings: [{ exchange: 'events', routingKey: '#' }],
      }),
    ).not.toThrow();
    expect(() =>
      defineConsumerQueue({
        name: 'x.dispatch',
        bindings: [{ exchange: 'events', routingKey: 'dispatch.*' }],
      }),
    ).not.toThrow();
  });

  it('refuses a queue without bindings, a malformed topic and a delivery binding that is not an agency code', () => {
    expect(() => defineConsumerQueue({ name: 'lonely', bindings: [] })).toThrow(
      /needs at least one binding/,
    );
    expect(() =>
      defineConsumerQueue({
        name: 'bad',
        bindings: [{ exchange: 'events', routingKey: 'dispatch..x' }],
      }),
    ).toThrow(TopologyNameInvalidError);
    expect(() =>
      defineConsumerQueue({
        name: 'bad',
        bindings: [{ exchange: 'delivery', routingKey: 'dispatch.submitted' }],
      }),
    ).toThrow(/agency code/);
  });

  it('gives each agency an inbox queue bound by its code on the delivery exchange', () => {
    const inbox = agencyInboxQueue('000.00.00.G22');
    expect(inbox).toEqual({
      name: 'inbox.000.00.00.G22',
      bindings: [{ exchange: 'delivery', routingKey: '000.00.00.G22' }],
      urgentLane: true,
    });
    expect(queueName('docaxis', inbox.name)).toBe('docaxis.inbox.000.00.00.G22.v1');
  });

  it.each(['000.00.00.g22', 'G22', '', '000.00.00.G22 ', '#'])(
    'refuses the inbox of %j',
    (code) => {
      expect(() => agencyInboxQueue(code)).toThrow(TopologyNameInvalidError);
    },
  );
});

describe('queue arguments', () => {
  it('makes quorum queues that dead-letter at least once to the dead-letter exchange', () => {
    expect(consumerQueueArguments(topologyNames('p'), 5)).toEqual({
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': 'p.dead-letter',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
      'x-delivery-limit': 5,
      'x-docaxis-topology-version': 1,
    });
  });

  it('keeps the parked queue a plain quorum queue (nothing dead-letters out of it)', () => {
    expect(parkedQueueArguments()).toEqual({
      'x-queue-type': 'quorum',
      'x-docaxis-topology-version': 1,
    });
  });

  it('makes retry steps quorum queues that hold a message for their delay, then return it by the default exchange', () => {
    expect(retryQueueArguments(1000)).toEqual({
      'x-queue-type': 'quorum',
      'x-message-ttl': 1000,
      'x-dead-letter-exchange': '',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
      'x-docaxis-topology-version': 1,
    });
    expect(retryStepNames('p', 1000)).toEqual({
      exchange: 'p.retry.1000ms',
      queue: 'p.retry.1000ms.v1',
    });
  });

  it.each([[[0]], [[1.5]], [[1000, 1000]], [[86_400_001]]])(
    'refuses the retry delays %p',
    (delays) => {
      expect(() => validateRetryDelays(delays)).toThrow(RangeError);
    },
  );

  it.each([-1, 1.5, Number.NaN])('refuses the delivery limit %p', (limit) => {
    expect(() => consumerQueueArguments(topologyNames('p'), limit)).toThrow(RangeError);
  });
});

import { agencyInboxQueue, defineConsumerQueue } from './consumer-queue-definition';
import { baseRoutingKey, laneOfPriority, laneQueuesOf, laneRoutingKey } from './delivery-lanes';
import { deliveryPriorityOf } from '@docaxis/edxml/document-metadata/urgency-levels';

describe('delivery lanes', () => {
  it('puts Khẩn, Thượng khẩn and Hỏa tốc on the urgent lane, normal dispatches on the normal one', () => {
    expect(laneOfPriority(deliveryPriorityOf('normal'))).toBe('normal');
    expect(laneOfPriority(undefined)).toBe('normal');
    expect(laneOfPriority(deliveryPriorityOf('urgent'))).toBe('urgent');
    expect(laneOfPriority(deliveryPriorityOf('very-urgent'))).toBe('urgent');
    expect(laneOfPriority(deliveryPriorityOf('express'))).toBe('urgent');
  });

  it('prefixes the routing key of the urgent lane and strips it back', () => {
    expect(laneRoutingKey('urgent', '000.00.00.G22')).toBe('urgent.000.00.00.G22');
    expect(laneRoutingKey('normal', 'dispatch.verified')).toBe('dispatch.verified');
    expect(baseRoutingKey('urgent.dispatch.verified')).toBe('dispatch.verified');
    expect(baseRoutingKey('dispatch.verified')).toBe('dispatch.verified');
  });

  it('gives a queue with a lane two queues, the urgent one first, each bound on its own keys', () => {
    expect(laneQueuesOf(agencyInboxQueue('000.00.00.H41'))).toEqual([
      {
        lane: 'urgent',
        name: 'inbox.000.00.00.H41.urgent',
        bindings: [{ exchange: 'delivery', routingKey: 'urgent.000.00.00.H41' }],
      },
      {
        lane: 'normal',
        name: 'inbox.000.00.00.H41',
        bindings: [{ exchange: 'delivery', routingKey: '000.00.00.H41' }],
      },
    ]);
  });

  it('binds a queue without a lane on both keys, so it still receives urgent messages', () => {
    const queue = defineConsumerQueue({
      name: 'status.dispatch-events',
      bindings: [{ exchange: 'events', routingKey: 'dispatch.*' }],
    });
    expect(laneQueuesOf(queue)).toEqual([
      {
        lane: 'both',
        name: 'status.dispatch-events',
        bindings: [
          { exchange: 'events', routingKey: 'dispatch.*' },
          { exchange: 'events', routingKey: 'urgent.dispatch.*' },
        ],
      },
    ]);
  });
});

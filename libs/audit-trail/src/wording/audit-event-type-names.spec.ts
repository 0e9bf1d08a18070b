import { isBatchedEventType } from '@docaxis/messaging/contracts/batched-events';
import { ALL_EVENT_TYPES } from '@docaxis/messaging/contracts/message-types';
import { AUDIT_EVENT_TYPES, auditEventTypeName } from './audit-event-type-names';

describe('audit event type names', () => {
  it('lists every event type the audit records: each published one, a batch as its per-dispatch type', () => {
    const recorded = ALL_EVENT_TYPES.filter((type) => !isBatchedEventType(type));
    expect([...AUDIT_EVENT_TYPES].sort()).toEqual([...recorded].sort());
  });

  it('words a known type in each language and leaves an unknown one as recorded', () => {
    expect(auditEventTypeName('webhook.changed', 'vi')).toBe('Thay đổi webhook của cơ quan');
    expect(auditEventTypeName('webhook.changed', 'en')).toBe('Agency webhook changed');
    expect(auditEventTypeName('legacy.thing', 'vi')).toBe('legacy.thing');
    expect(auditEventTypeName('constructor', 'en')).toBe('constructor');
  });
});

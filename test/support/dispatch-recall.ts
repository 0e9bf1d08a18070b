import { randomUUID } from 'node:crypto';
import type { DispatchRecall } from '@docaxis/persistence/dispatch/dispatch-recall.repository';
import type { OutboxRow } from '@docaxis/persistence/outbox/outbox-row';

/**
 * A recall of `dispatchId` by `callerCode` as the gateway asks for it, for repository specs:
 * templates with stand-ins the statement replaces, under the correlation id `recall-<dispatch>`.
 */
export function recallOf(
  dispatchId: string,
  callerCode: string,
  reason = 'Sai sót về nội dung',
): DispatchRecall {
  const correlationId = `recall-${dispatchId}`;
  const row = (messageType: string, payload: object): OutboxRow => ({
    id: randomUUID(),
    destination: 'events',
    routingKey: messageType,
    messageType,
    payload: JSON.stringify({
      dispatchId,
      senderCode: callerCode,
      occurredAt: new Date().toISOString(),
      actor: 'CN=test',
      ...payload,
    }),
    headers: '{}',
    priority: 0,
    correlationId,
  });
  return {
    dispatchId,
    callerCode,
    reason,
    recalledAt: new Date(),
    requestDigest: '0'.repeat(64),
    correlationId,
    requestAnnouncement: row('status.noticed', {
      authorCode: callerCode,
      statusCode: '13',
      recipientCode: 'X',
      addresseeCode: 'X',
      statusNoticeId: 'X',
    }),
    announcement: row('dispatch.recalled', { reason, withdrawnFrom: [], requestedFrom: [] }),
  };
}

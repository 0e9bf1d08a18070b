import type { EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import type { ParkedMessageEntity } from '@docaxis/persistence/parked-message/parked-message.entity';
import type { ParkedMessageRepository } from '@docaxis/persistence/parked-message/parked-message.repository';
import { parsedJson } from './dtos/parked-message-view';
import {
  ParkedMessageAlreadyResolvedError,
  ParkedMessageNotFoundError,
} from './parked-message.errors';

/**
 * Locks a parked message for an operator's decision (redrive or discard). The row lock makes two
 * operators acting at once take turns: the second finds it resolved and gets a 409.
 */
export async function lockUnresolvedParkedMessage(
  parked: ParkedMessageRepository,
  manager: EntityManager,
  id: string,
): Promise<ParkedMessageEntity> {
  const row = isUuid(id) ? await parked.lockById(manager, id) : null;
  if (!row) throw new ParkedMessageNotFoundError(id);
  if (row.state !== 'parked') throw new ParkedMessageAlreadyResolvedError(id, row.state);
  return row;
}

/** What the audit trail keeps of the parked message an operator acted on. */
export function parkedMessageAuditFacts(row: ParkedMessageEntity) {
  const body = parsedJson(row.body);
  const dispatchId =
    body.ok && typeof body.value === 'object' && body.value !== null
      ? (body.value as { dispatchId?: unknown }).dispatchId
      : undefined;
  return {
    parkedMessageId: row.id,
    messageId: row.messageId,
    messageType: row.messageType,
    sourceQueue: row.sourceQueue,
    errorCode: row.errorCode,
    ...(typeof dispatchId === 'string' && isUuid(dispatchId) ? { dispatchId } : {}),
  };
}

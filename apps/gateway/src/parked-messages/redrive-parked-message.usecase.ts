import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { RETRY_HEADERS } from '@docaxis/messaging/consumer/parking-headers';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { ParkedMessageEntity } from '@docaxis/persistence/parked-message/parked-message.entity';
import { ParkedMessageRepository } from '@docaxis/persistence/parked-message/parked-message.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import {
  parsedJson,
  type ParkedMessageDetail,
  toParkedMessageDetail,
} from './dtos/parked-message-view';
import { lockUnresolvedParkedMessage, parkedMessageAuditFacts } from './parked-message-resolution';
import { ParkedMessageNotRedrivableError } from './parked-message.errors';

/** Header naming the parked message a redriven copy came from (for logs and the audit). */
export const REDRIVE_OF_HEADER = 'x-docaxis-redrive-of';

/**
 * Sends a parked message back to the queue it failed on, through the outbox (committed with the
 * decision and its audit event, published with confirms), under its own message id: a consumer
 * that did finish it after all recognises it and does nothing. It starts its retries afresh.
 */
@Injectable()
export class RedriveParkedMessageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parked: ParkedMessageRepository,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(
    id: string,
    admin: AuthenticatedAgency,
    correlationId: string,
  ): Promise<ParkedMessageDetail> {
    await this.dataSource.transaction(async (manager) => {
      const row = await lockUnresolvedParkedMessage(this.parked, manager, id);
      const body = parsedJson(row.body);
      if (!row.messageType)
        throw new ParkedMessageNotRedrivableError(id, {
          en: 'it has no type',
          vi: 'thông điệp không có loại (type)',
        });
      if (
        !body.ok ||
        typeof body.value !== 'object' ||
        body.value === null ||
        Array.isArray(body.value)
      ) {
        throw new ParkedMessageNotRedrivableError(id, {
          en: 'its body is not a JSON object',
          vi: 'nội dung thông điệp không phải là đối tượng JSON',
        });
      }
      const priority = Number(row.properties.priority ?? 0);
      const messageCorrelation = row.properties.correlationId;
      await this.outbox.enqueueRedrive(manager, {
        queue: row.sourceQueue,
        messageId: row.messageId,
        messageType: row.messageType,
        payload: body.value as Record<string, unknown>,
        headers: redriveHeaders(row),
        priority: Number.isInteger(priority) && priority >= 0 && priority <= 255 ? priority : 0,
        correlationId:
          typeof messageCorrelation === 'string' && messageCorrelation.length <= 64
            ? messageCorrelation
            : null,
      });
      await this.outbox.enqueue(manager, {
        destination: 'events',
        routingKey: MessageTypes.ParkedMessageRedriven,
        messageType: MessageTypes.ParkedMessageRedriven,
        correlationId,
        payload: {
          ...parkedMessageAuditFacts(row),
          occurredAt: new Date().toISOString(),
          actor: admin.certificateSubject,
        },
      });
      await this.parked.resolve(manager, [row.id], 'redriven', admin.certificateSubject, null);
    });
    this.relay.nudge();
    const resolved = await this.parked.findById(id);
    return toParkedMessageDetail(resolved!);
  }
}

/**
 * The parked message's own string headers, without the broker's and the axis' bookkeeping
 * (delivery count, deaths, attempts, parking facts), plus where it was first published to: it
 * comes back through the default exchange, keyed by queue name.
 */
function redriveHeaders(row: ParkedMessageEntity): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(row.headers)) {
    if (typeof value !== 'string') continue;
    if (
      name.startsWith('x-docaxis-') ||
      name.startsWith('x-death') ||
      /^x-(first|last)-death-/.test(name)
    )
      continue;
    headers[name] = value;
  }
  const exchange = row.headers[RETRY_HEADERS.exchange];
  headers[RETRY_HEADERS.routingKey] = row.routingKey;
  if (typeof exchange === 'string') headers[RETRY_HEADERS.exchange] = exchange;
  headers[REDRIVE_OF_HEADER] = row.id;
  return headers;
}

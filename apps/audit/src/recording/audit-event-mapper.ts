import { createHash } from 'node:crypto';
import {
  canonicalJson,
  type JsonObject,
  type JsonValue,
} from '@docaxis/audit-trail/chain/canonical-json';
import { sha256Hex } from '@docaxis/audit-trail/chain/audit-record-hash';
import {
  batchItemId,
  isBatchedEventType,
  perDispatchEventsOf,
} from '@docaxis/messaging/contracts/batched-events';
import { checkPayload } from '@docaxis/messaging/contracts/message-payloads';
import { isUuid } from '@docaxis/persistence/database/uuid';
import { AUDIT_EVENT_LIMITS, type AuditEventInput } from './audit-event-input';

/** An event message as the consumer received it, before any interpretation. */
export interface InboundAuditMessage {
  /** AMQP messageId; the chain's event_id. */
  messageId: string | undefined;
  /** AMQP `type` property; the routing key stands in when it is missing. */
  messageType: string | undefined;
  routingKey: string;
  /** The decoded JSON body; see `bodyFromContent` for bodies that are not JSON. */
  body: unknown;
  correlationId?: string;
  /** AMQP timestamp property, when the publisher set one. */
  publishedAt?: Date;
  /** When the consumer took the message; the last resort for occurred_at. */
  receivedAt: Date;
}

/** Something about a message the mapper had to work around; recorded in the payload. */
export type AuditAnomaly =
  | 'MESSAGE_ID_MISSING'
  | 'MESSAGE_ID_TOO_LONG'
  | 'EVENT_TYPE_MISSING'
  | 'EVENT_TYPE_TOO_LONG'
  | 'BODY_NOT_AN_OBJECT'
  | 'BODY_NOT_JSON'
  | 'BODY_TOO_LARGE'
  | 'OCCURRED_AT_MISSING'
  | 'OCCURRED_AT_INVALID'
  | 'DISPATCH_ID_INVALID'
  | 'SENDER_CODE_INVALID'
  | 'RECIPIENT_CODE_INVALID'
  | 'ACTOR_INVALID'
  | 'TEXT_SANITIZED'
  /** A batched event (contracts/batched-events.ts) that breaks its contract: kept whole. */
  | 'BATCH_INVALID';

export interface AuditEventMapperOptions {
  /** Types the axis publishes (libs/messaging contracts); anything else is recorded and flagged. */
  knownEventTypes: ReadonlySet<string>;
  /** Bodies whose canonical JSON is larger are replaced by their digest and size. */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_AUDIT_BODY_BYTES = 256 * 1024;
// NUL cannot be stored by PostgreSQL text or jsonb; lone surrogates are not Unicode text at all.
const UNSTORABLE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching NUL is the point
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Turns an event message into a chain record, losing nothing:
 * - event_id = the messageId (a redelivery carries the same id, so it is recorded once). Without
 *   one, or with one longer than the column, `sha256:` + 56 hex of the message (type, routing key,
 *   body; or of the long id), so a redelivery still maps to the same event_id;
 * - event_type = the AMQP type, else the routing key; a type the axis does not publish is
 *   recorded all the same, with `meta.unknownEventType: true`;
 * - occurred_at = body.occurredAt (ISO 8601), else the AMQP timestamp, else the time received;
 * - dispatch_id, sender_code, actor = body.dispatchId, body.senderCode, body.actor when they fit
 *   their columns (a UUID, at most 35 characters, at most 1,024 characters), else null;
 * - recipient_code = body.recipientCode, or the only element of body.recipientCodes; null when an
 *   event concerns several recipients (the list stays in the payload);
 * - payload = { body, meta }: the body as received (events carry ids, codes and metadata, never
 *   document contents) and `meta` with the routing key, AMQP type, correlation id, publication
 *   time and `anomalies`, the list of everything above that did not go as expected. Characters
 *   PostgreSQL cannot store (NUL, lone surrogates) become U+FFFD (anomaly TEXT_SANITIZED); a body
 *   over the size limit is replaced by its SHA-256 and size (BODY_TOO_LARGE), so an event that
 *   wrongly carries a document still leaves a provable trace without the document itself.
 * The mapper never throws on message content: the audit must record whatever was published.
 *
 * A batched event (`dispatch.delivered.batch`, `dispatch.acknowledged.batch`) becomes one record
 * per dispatch it lists (`mapAll`), each exactly the record its per-dispatch event made: the
 * per-dispatch type and body, event_id `batchItemId(messageId, index)` (so a redelivered batch
 * is recorded once, item by item), and `meta.batch` naming the message, the item's position and
 * the batch's size; `meta.routingKey`/`meta.messageType` keep what travelled.
 */
export class AuditEventMapper {
  private readonly maxBodyBytes: number;

  constructor(private readonly options: AuditEventMapperOptions) {
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_AUDIT_BODY_BYTES;
  }

  /** The records one message makes: one, or one per dispatch of a batched event. */
  mapAll(message: InboundAuditMessage): AuditEventInput[] {
    const type = message.messageType ?? message.routingKey;
    if (!isBatchedEventType(type)) return [this.map(message)];
    const check = checkPayload(type, message.body);
    if (!check.ok) {
      const whole = this.map(message);
      const meta = whole.payload.meta as JsonObject;
      const anomalies = [...((meta.anomalies as string[] | undefined) ?? []), 'BATCH_INVALID'];
      return [
        { ...whole, payload: { ...whole.payload, meta: { ...meta, anomalies: anomalies.sort() } } },
      ];
    }
    // Ids as for any message (a missing or over-long one has a stable stand-in), then per item.
    const batchId = eventIdOf(
      message,
      type,
      canonicalJson(toStorableJson(message.body, () => {})),
      new Set(),
    );
    const items = perDispatchEventsOf(type, check.payload);
    return items.map((item) => {
      const record = this.map({
        ...message,
        messageId: batchItemId(batchId, item.index),
        messageType: item.type,
        body: item.body,
        correlationId: item.correlationId ?? message.correlationId,
      });
      const meta = record.payload.meta as JsonObject;
      if (message.messageType === undefined) delete meta.messageType;
      else meta.messageType = storable(message.messageType);
      meta.batch = { messageId: batchId, index: item.index, size: items.length };
      return record;
    });
  }

  map(message: InboundAuditMessage): AuditEventInput {
    const anomalies = new Set<AuditAnomaly>();
    const sanitized = toStorableJson(message.body, () => anomalies.add('TEXT_SANITIZED'));
    const bodyText = canonicalJson(sanitized);
    const fields: Partial<Record<string, JsonValue>> = isJsonObject(sanitized) ? sanitized : {};
    if (isNotJsonMarker(message.body)) anomalies.add('BODY_NOT_JSON');
    else if (!isJsonObject(sanitized)) anomalies.add('BODY_NOT_AN_OBJECT');

    const eventType = this.eventTypeOf(message, anomalies);
    const eventId = eventIdOf(message, eventType, bodyText, anomalies);
    const occurredAt = occurredAtOf(fields.occurredAt, message, anomalies);
    const dispatchId = dispatchIdOf(fields.dispatchId, anomalies);
    const senderCode = agencyCodeOf(fields.senderCode, 'SENDER_CODE_INVALID', anomalies);
    const recipientCode = recipientCodeOf(fields, anomalies);
    const actor = actorOf(fields.actor, anomalies);

    const storedBody =
      Buffer.byteLength(bodyText, 'utf8') > this.maxBodyBytes
        ? this.omittedBody(sanitized, bodyText, anomalies)
        : sanitized;
    const meta: JsonObject = { routingKey: storable(message.routingKey) };
    if (message.messageType !== undefined) meta.messageType = storable(message.messageType);
    if (message.correlationId !== undefined) meta.correlationId = storable(message.correlationId);
    if (message.publishedAt && !Number.isNaN(message.publishedAt.getTime())) {
      meta.publishedAt = message.publishedAt.toISOString();
    }
    if (!this.options.knownEventTypes.has(eventType)) meta.unknownEventType = true;
    if (anomalies.size > 0) meta.anomalies = [...anomalies].sort();

    return {
      eventId,
      eventType,
      occurredAt,
      dispatchId,
      senderCode,
      recipientCode,
      actor,
      payload: { body: storedBody, meta },
    };
  }

  private eventTypeOf(message: InboundAuditMessage, anomalies: Set<AuditAnomaly>): string {
    const declared = storable(message.messageType ?? message.routingKey).trim();
    if (declared === '') {
      anomalies.add('EVENT_TYPE_MISSING');
      return 'unknown';
    }
    if (declared.length > AUDIT_EVENT_LIMITS.eventType) {
      anomalies.add('EVENT_TYPE_TOO_LONG');
      return declared.slice(0, AUDIT_EVENT_LIMITS.eventType);
    }
    return declared;
  }

  private omittedBody(body: JsonValue, bodyText: string, anomalies: Set<AuditAnomaly>): JsonObject {
    anomalies.add('BODY_TOO_LARGE');
    return {
      omitted: true,
      canonicalSha256: sha256Hex(bodyText),
      canonicalBytes: Buffer.byteLength(bodyText, 'utf8'),
      keys: isJsonObject(body) ? Object.keys(body).sort().slice(0, 100) : [],
    };
  }
}

/** What the consumer passes as `body` when the message content is not JSON. */
export interface NotJsonBody {
  notJson: true;
  contentType: string | null;
  bytes: number;
  sha256: string;
}

/** Decodes message content for the mapper; content that is not JSON becomes a NotJsonBody. */
export function bodyFromContent(content: Buffer, contentType?: string): unknown {
  try {
    return JSON.parse(content.toString('utf8')) as unknown;
  } catch {
    const marker: NotJsonBody = {
      notJson: true,
      contentType: contentType ?? null,
      bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
    return marker;
  }
}

function isNotJsonMarker(value: unknown): value is NotJsonBody {
  return (
    typeof value === 'object' && value !== null && (value as { notJson?: unknown }).notJson === true
  );
}

function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function storable(text: string): string {
  return text.replace(UNSTORABLE_CHARACTERS, '\ufffd');
}

/**
 * A plain JSON copy of any value, as JSON.stringify would send it (Dates become ISO strings,
 * undefined members vanish, non-finite numbers become null), with unstorable characters replaced.
 */
function toStorableJson(value: unknown, onSanitized: () => void): JsonValue {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Cycles or bigints: such a body cannot have come off the wire; keep what can be said of it.
    return { unserializable: true, type: typeof value };
  }
  if (text === undefined) return null;
  const parsed = JSON.parse(text) as JsonValue;
  return clean(parsed, onSanitized);
}

function clean(value: JsonValue, onSanitized: () => void): JsonValue {
  if (typeof value === 'string') {
    const fixed = storable(value);
    if (fixed !== value) onSanitized();
    return fixed;
  }
  if (Array.isArray(value)) return value.map((item) => clean(item, onSanitized));
  if (isJsonObject(value)) {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const fixedKey = storable(key);
      if (fixedKey !== key) onSanitized();
      result[fixedKey] = clean(item, onSanitized);
    }
    return result;
  }
  return value;
}

function eventIdOf(
  message: InboundAuditMessage,
  eventType: string,
  bodyText: string,
  anomalies: Set<AuditAnomaly>,
): string {
  const id = message.messageId === undefined ? '' : storable(message.messageId).trim();
  if (id !== '' && id.length <= AUDIT_EVENT_LIMITS.eventId) return id;
  if (id === '') {
    anomalies.add('MESSAGE_ID_MISSING');
    const identity = canonicalJson({ type: eventType, routingKey: storable(message.routingKey) });
    return `sha256:${sha256Hex(`${identity}\n${bodyText}`).slice(0, 56)}`;
  }
  anomalies.add('MESSAGE_ID_TOO_LONG');
  return `sha256:${sha256Hex(id).slice(0, 56)}`;
}

function occurredAtOf(
  value: JsonValue | undefined,
  message: InboundAuditMessage,
  anomalies: Set<AuditAnomaly>,
): Date {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const parsed = new Date(value);
    if (isStorableInstant(parsed)) return parsed;
  }
  anomalies.add(
    value === undefined || value === null ? 'OCCURRED_AT_MISSING' : 'OCCURRED_AT_INVALID',
  );
  if (message.publishedAt && isStorableInstant(message.publishedAt)) return message.publishedAt;
  return message.receivedAt;
}

function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}

function dispatchIdOf(value: JsonValue | undefined, anomalies: Set<AuditAnomaly>): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && isUuid(value)) return value.toLowerCase();
  anomalies.add('DISPATCH_ID_INVALID');
  return null;
}

function agencyCodeOf(
  value: JsonValue | undefined,
  anomaly: AuditAnomaly,
  anomalies: Set<AuditAnomaly>,
): string | null {
  if (value === undefined || value === null) return null;
  if (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= AUDIT_EVENT_LIMITS.agencyCode
  ) {
    return value;
  }
  anomalies.add(anomaly);
  return null;
}

function recipientCodeOf(
  fields: Partial<Record<string, JsonValue>>,
  anomalies: Set<AuditAnomaly>,
): string | null {
  if (fields.recipientCode !== undefined && fields.recipientCode !== null) {
    return agencyCodeOf(fields.recipientCode, 'RECIPIENT_CODE_INVALID', anomalies);
  }
  const list = fields.recipientCodes;
  if (Array.isArray(list) && list.length === 1) {
    return agencyCodeOf(list[0], 'RECIPIENT_CODE_INVALID', anomalies);
  }
  return null;
}

function actorOf(value: JsonValue | undefined, anomalies: Set<AuditAnomaly>): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.length > 0 && value.length <= AUDIT_EVENT_LIMITS.actor) {
    return value;
  }
  anomalies.add('ACTOR_INVALID');
  return null;
}

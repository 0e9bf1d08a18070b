import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditRecordRepository,
  type AuditChainHead,
} from '@docaxis/persistence/audit/audit-record.repository';
import { canonicalJson } from '@docaxis/audit-trail/chain/canonical-json';
import {
  GENESIS_PREV_HASH,
  recordHashOf,
  sha256Hex,
} from '@docaxis/audit-trail/chain/audit-record-hash';
import { isLowerCaseUuid } from '@docaxis/persistence/database/uuid';
import { AUDIT_EVENT_LIMITS, type AuditEventInput } from './audit-event-input';
import { AuditEventInvalidError } from './audit-event-invalid.error';

/** Where one event ended up. */
export type AppendOutcome =
  | { eventId: string; status: 'recorded'; seq: number; hash: string }
  | { eventId: string; status: 'duplicate' };

export interface AppendResult {
  /** One outcome per input event, in input order. */
  outcomes: AppendOutcome[];
  /** How many records this call added. */
  recorded: number;
  /** The chain head after the commit (null only if the chain is still empty). */
  head: AuditChainHead | null;
}

/** A `\u0000` escape in JSON text (preceded by an even number of backslashes). */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * Appends events to the hash chain. One call is one transaction:
 *   lock the chain (advisory, all instances) → read the head, the clock and which events are
 *   already recorded, in one statement → drop those (redelivery) and repeats within the call →
 *   number the rest head+1, head+2, ... → hash each onto the previous → insert all in one
 *   statement → commit.
 * The lock makes the order total and the numbering gap-free across instances; a failure rolls
 * the whole call back, so no number is ever consumed without a record.
 */
@Injectable()
export class AuditAppender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: AuditRecordRepository,
  ) {}

  async append(events: readonly AuditEventInput[]): Promise<AppendResult> {
    // Everything that can be refused is refused before the lock is taken.
    const prepared = events.map((event) => prepare(event));
    if (prepared.length === 0) {
      return { outcomes: [], recorded: 0, head: await this.records.head() };
    }
    // READ COMMITTED, PostgreSQL's default: the lock statement checks it (no SET round trip).
    return this.dataSource.transaction(async (manager) => {
      await this.records.lockChainForAppend(manager);
      const eventIds = prepared.map((event) => event.eventId);
      const { head, now, recorded: already } = await this.records.appendPosition(manager, eventIds);

      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_PREV_HASH;
      const seen = new Map<string, AppendOutcome>();
      const rows: Parameters<AuditRecordRepository['insertMany']>[1][number][] = [];
      const outcomes = prepared.map((event): AppendOutcome => {
        const earlier = seen.get(event.eventId);
        if (already.has(event.eventId)) return { eventId: event.eventId, status: 'duplicate' };
        // A repeat within the same call (a redelivery that overtook the first delivery's commit)
        // gets the same outcome as the first: both deliveries may then be acknowledged.
        if (earlier) return earlier;
        seq += 1;
        const fields = { ...event.input, seq, recordedAt: now, prevHash };
        const hash = recordHashOf({ ...fields, payloadDigest: event.payloadDigest });
        rows.push({
          ...fields,
          payloadDigest: event.payloadDigest,
          payloadJson: event.payloadJson,
          hash,
        });
        prevHash = hash;
        const outcome: AppendOutcome = { eventId: event.eventId, status: 'recorded', seq, hash };
        seen.set(event.eventId, outcome);
        return outcome;
      });

      await this.records.insertMany(manager, rows);
      return {
        outcomes,
        recorded: rows.length,
        head: rows.length > 0 ? { seq, hash: prevHash } : head,
      };
    });
  }
}

interface PreparedEvent {
  eventId: string;
  input: Omit<AuditEventInput, 'payload'>;
  payloadJson: string;
  payloadDigest: string;
}

function prepare(event: AuditEventInput): PreparedEvent {
  const refuse = (field: string, reason: string) =>
    new AuditEventInvalidError(event.eventId, field, reason);
  if (!event.eventId || event.eventId.length > AUDIT_EVENT_LIMITS.eventId) {
    throw refuse('eventId', `must have 1 to ${AUDIT_EVENT_LIMITS.eventId} characters`);
  }
  if (!event.eventType || event.eventType.length > AUDIT_EVENT_LIMITS.eventType) {
    throw refuse('eventType', `must have 1 to ${AUDIT_EVENT_LIMITS.eventType} characters`);
  }
  // PostgreSQL gives a uuid back in lower case; any other spelling would not re-hash the same.
  if (event.dispatchId !== null && !isLowerCaseUuid(event.dispatchId)) {
    throw refuse('dispatchId', 'must be a lower-case UUID or null');
  }
  for (const field of ['senderCode', 'recipientCode'] as const) {
    const code = event[field];
    if (code !== null && (code.length === 0 || code.length > AUDIT_EVENT_LIMITS.agencyCode)) {
      throw refuse(field, `must have 1 to ${AUDIT_EVENT_LIMITS.agencyCode} characters or be null`);
    }
  }
  // Nobody acts as "": and an export writes null as an empty cell, so an empty actor would read
  // back as null and the record would no longer re-hash. The mapper records such an actor as null.
  if (
    event.actor !== null &&
    (event.actor.length === 0 || event.actor.length > AUDIT_EVENT_LIMITS.actor)
  ) {
    throw refuse('actor', `must have 1 to ${AUDIT_EVENT_LIMITS.actor} characters or be null`);
  }
  if (Number.isNaN(event.occurredAt.getTime())) {
    throw refuse('occurredAt', 'must be a valid instant');
  }
  if (event.occurredAt.getUTCFullYear() < 1 || event.occurredAt.getUTCFullYear() > 9999) {
    throw refuse('occurredAt', 'must lie between years 0001 and 9999');
  }
  const textFields = [
    event.eventId,
    event.eventType,
    event.senderCode,
    event.recipientCode,
    event.actor,
  ];
  if (textFields.some((text) => text?.includes('\u0000'))) {
    throw refuse('text', 'must not contain NUL characters (PostgreSQL text cannot hold them)');
  }
  // jsonb refuses \u0000 in strings as well; the mapper replaces it, other callers are refused.
  const payloadJson = canonicalJson(event.payload);
  if (ESCAPED_NUL.test(payloadJson)) {
    throw refuse('payload', 'must not contain NUL characters (jsonb cannot hold them)');
  }
  const { payload: _payload, ...input } = event;
  return { eventId: event.eventId, input, payloadJson, payloadDigest: sha256Hex(payloadJson) };
}

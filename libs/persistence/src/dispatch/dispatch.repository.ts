import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThan, Not } from 'typeorm';
import type { ReceivedTraceEntry } from '@docaxis/edxml/packet/received-trace';
import { DispatchFileEntity } from './dispatch-file.entity';
import { DispatchRecipientEntity } from './dispatch-recipient.entity';
import {
  type DispatchRecipientRow,
  RECIPIENT_COLUMNS,
  recipientColumnList,
  recipientFromRow,
} from './dispatch-recipient-row';
import type { RecipientState } from './dispatch-state';
import { DispatchEntity } from './dispatch.entity';
import { preparedStatement } from '../database/prepared-statements';
import { UUID_V7_SQL } from '../database/uuid';
import { unwrapRows } from '../database/update-returning-rows';
import {
  OUTBOX_ROW_COLUMNS,
  outboxInsertFrom,
  outboxRowParams,
  type OutboxRow,
} from '../outbox/outbox-row';
import {
  processedMarkCte,
  processedMarkParams,
  type ProcessedMark,
} from '../processed-message/processed-mark';
import type { AgencyStatus } from '../agency/agency.entity';
import type { StaffInfo } from './staff-info';

export interface NewDispatch {
  dispatch: Omit<
    DispatchEntity,
    | 'createdAt'
    | 'updatedAt'
    | 'files'
    | 'recipients'
    | 'sender'
    | 'replaces'
    | 'replacesDispatchId'
    | 'recalledAt'
    | 'recallReason'
    // Only the verifier words a rejection in Vietnamese (DispatchVerificationRepository).
    | 'rejectionMessageVi'
    // What an edXML packet said of its journey; a JSON submission has none.
    | 'incomingTrace'
    | 'senderStaff'
  > & {
    replacesDispatchId?: string | null;
    incomingTrace?: ReceivedTraceEntry[] | null;
    senderStaff?: StaffInfo | null;
  };
  files: (Omit<DispatchFileEntity, 'dispatch' | 'description'> & { description?: string | null })[];
  recipientCodes: readonly string[];
  /** The message announcing the dispatch (transactional outbox), written with it or not at all. */
  announcement: OutboxRow;
}

/** What `DispatchRepository.route` is asked to do for one `dispatch.verified` message. */
export interface DispatchRouting {
  dispatchId: string;
  /** The routing consumer's idempotency record for the message asking for it. */
  mark: ProcessedMark;
  /**
   * The `delivery.requested` of every queued recipient, checked with stand-ins for what the
   * statement fills in per recipient: its id and routing key, `recipientCode`, `priority`, the
   * message priority and (unless it has one) the correlation id, all from the dispatch.
   */
  deliveryRequest: OutboxRow;
  /**
   * The `dispatch.routed` event, checked with stand-ins for `senderCode` and `recipientCodes`,
   * which the statement fills in, with the dispatch's correlation id unless it has one.
   */
  announcement: OutboxRow;
  /**
   * The `dispatch.withdrawn` event, written instead when the sender recalled the dispatch before
   * it was routed; checked with stand-ins for `senderCode` and `recipientCodes` as above.
   */
  withdrawal: OutboxRow;
}

/** One copy to put into a recipient's inbox (DispatchRepository.deliverMany). */
export interface DispatchDeliveryRequest {
  dispatchId: string;
  recipientCode: string;
  /** The delivering consumer's idempotency record for the message asking for it. */
  mark: ProcessedMark;
}

/** One copy to put into a recipient's inbox on its own (DispatchRepository.deliver). */
export interface DispatchDelivery extends DispatchDeliveryRequest {
  /** Its `dispatch.delivered.batch` event (of one copy): see `DeliveredBatchEvent`. */
  announcement: OutboxRow;
}

/**
 * The `dispatch.delivered.batch` event announcing what one delivering statement delivered,
 * checked with a stand-in `deliveries` list, which the statement replaces by the copies it
 * delivered (`dispatchId`, the dispatch's `senderCode`, `deliverySeq` and `correlationId`), in
 * position order. Without a correlation id of its own, the event gets its dispatch's when it
 * lists one (a batch of several has none: each copy carries its dispatch's).
 */
export type DeliveredBatchEvent = OutboxRow;

/** A dispatch just put into one recipient's inbox. */
export interface DeliveredCopy {
  deliverySeq: number;
  senderCode: string;
  correlationId: string;
  /** When the axis accepted the dispatch (delivery latency). */
  acceptedAt: Date;
}

interface DeliveredCopyRow {
  delivery_seq: string;
  sender_code: string;
  correlation_id: string;
  created_at: Date;
}

type DeliveredCopiesRow = DeliveredCopyRow & { message_id: string };

/** What acknowledging one dispatch id found (see `DispatchRepository.acknowledge`). */
export interface AcknowledgementFacts {
  /** The id as given. */
  dispatchId: string;
  /** Null when there is no such dispatch. */
  senderCode: string | null;
  /** The caller's copy after the call; null when the caller is not among its recipients. */
  recipient: DispatchRecipientEntity | null;
  /** True when this call moved it to acknowledged (so the caller announces it). */
  moved: boolean;
}

/** What `DispatchRepository.acknowledge` is asked to do. */
export interface Acknowledgement {
  /** Distinct, well-formed UUIDs. */
  dispatchIds: readonly string[];
  recipientCode: string;
  /**
   * The `dispatch.acknowledged.batch` event, checked with stand-ins for what only the statement
   * knows, which it fills in: `acknowledgements` (each copy that moved: `dispatchId` and the
   * dispatch's `senderCode`, in the order of `dispatchIds`) and `occurredAt`. Written only when
   * a copy moved.
   */
  announcement: OutboxRow;
}

type AcknowledgementRow = Partial<DispatchRecipientRow> & {
  requested_id: string;
  sender_code: string;
  moved: boolean;
};

export interface DispatchInsertOutcome {
  /** False when nothing was written: a recipient is not active, or the key was already used. */
  inserted: boolean;
  /** Status of each recipient code that is registered (absent: unknown). */
  recipientStatuses: ReadonlyMap<string, AgencyStatus>;
}

/** What `DispatchRepository.findFileAccess` found. */
export interface DispatchFileAccess {
  senderCode: string;
  /** The caller's copy; null when the caller is not among the recipients. */
  recipientState: RecipientState | null;
  file: Pick<DispatchFileEntity, 'id' | 'fileName' | 'contentType' | 'sizeBytes' | 'sha256'> | null;
}

interface DispatchFileAccessRow {
  sender_code: string;
  recipient_state: RecipientState | null;
  id: string | null;
  file_name: string | null;
  content_type: string | null;
  /** bigint: pg answers a string. */
  size_bytes: string | null;
  sha256: string | null;
}

/** One delivered copy as `dispatch.delivered.batch` lists it, from a row of `delivered`. */
const DELIVERED_COPY_JSON = `jsonb_strip_nulls(jsonb_build_object('dispatchId', dispatch_id,
  'senderCode', sender_code, 'deliverySeq', delivery_seq, 'correlationId', correlation_id))`;

/** First key of the per-recipient advisory lock that orders inbox positions (see `deliver`). */
export const INBOX_POSITION_LOCK_SPACE = 4_242_101;

/**
 * Dispatches, their files and their recipients. Methods taking an EntityManager run inside the
 * caller's transaction (the outbox row must commit with the state change it announces).
 */
@Injectable()
export class DispatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the dispatch, its files, its recipients and its announcement in one statement: one
   * round trip, atomic without an explicit transaction, no entity mapping (the submission's hot
   * path). Writes nothing unless every recipient is registered and active, and nothing when the
   * sender already used `idempotencyKey` (the caller answers with the earlier dispatch instead);
   * either way it returns the recipients' statuses as the statement saw them, for the caller to
   * say which one is missing. Other unique violations (uq_dispatches_number) are thrown as the
   * driver raises them.
   */
  async insert(
    input: NewDispatch,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DispatchInsertOutcome> {
    const { dispatch, files, announcement } = input;
    type Row = { id: string | null; recipients: { code: string; status: AgencyStatus }[] };
    const rows: Row[] | [Row[], number] = await manager.query(
      preparedStatement(`WITH recipient AS (
         SELECT code, status FROM agencies WHERE code = ANY($32)
       ), dispatch AS (
         INSERT INTO dispatches (id, sender_code, idempotency_key, request_digest, document_id,
           code_number, code_notation, promulgation_year, subject, urgency, priority, due_date,
           envelope, state, business_type, replaces_dispatch_id, rejection_code,
           rejection_message, correlation_id, verified_at, envelope_signature, incoming_trace,
           sender_staff)
         SELECT $1::uuid, $2, $3, $4, $5, $6, $7, $8::smallint, $9, $10, $11::smallint,
           $12::date, $13::jsonb, $14, $15::smallint, $16::uuid, $17, $18, $19,
           $20::timestamptz, $21::jsonb, $22::jsonb, $23::jsonb
         -- The codes are distinct: the envelope refuses a recipient listed twice.
         WHERE (SELECT count(*) FROM recipient WHERE status = 'active') = cardinality($32::text[])
         ON CONFLICT (sender_code, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING id
       ), files AS (
         INSERT INTO dispatch_files (id, dispatch_id, ordinal, file_name, content_type,
           size_bytes, sha256, verification, description)
         SELECT f.id, dispatch.id, f.ordinal, f.file_name, f.content_type, f.size_bytes, f.sha256,
           f.verification, f.description
         FROM dispatch, unnest($24::uuid[], $25::smallint[], $26::text[], $27::text[],
           $28::bigint[], $29::text[], $30::jsonb[], $31::text[])
           AS f(id, ordinal, file_name, content_type, size_bytes, sha256, verification,
             description)
       ), recipients AS (
         INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state)
         SELECT dispatch.id, r.code, 'pending' FROM dispatch, unnest($32::text[]) AS r(code)
       ), announcement AS (
         ${outboxInsertFrom(33, 'dispatch')}
       )
       SELECT (SELECT id FROM dispatch) AS id,
         (SELECT coalesce(json_agg(json_build_object('code', code, 'status', status)), '[]')
            FROM recipient) AS recipients`),
      [
        dispatch.id,
        dispatch.senderCode,
        dispatch.idempotencyKey,
        dispatch.requestDigest,
        dispatch.documentId,
        dispatch.codeNumber,
        dispatch.codeNotation,
        dispatch.promulgationYear,
        dispatch.subject,
        dispatch.urgency,
        dispatch.priority,
        dispatch.dueDate,
        JSON.stringify(dispatch.envelope),
        dispatch.state,
        dispatch.businessType,
        dispatch.replacesDispatchId ?? null,
        dispatch.rejectionCode,
        dispatch.rejectionMessage,
        dispatch.correlationId,
        dispatch.verifiedAt,
        dispatch.envelopeSignature === null ? null : JSON.stringify(dispatch.envelopeSignature),
        dispatch.incomingTrace ? JSON.stringify(dispatch.incomingTrace) : null,
        dispatch.senderStaff ? JSON.stringify(dispatch.senderStaff) : null,
        files.map((file) => file.id),
        files.map((file) => file.ordinal),
        files.map((file) => file.fileName),
        files.map((file) => file.contentType),
        files.map((file) => file.sizeBytes),
        files.map((file) => file.sha256),
        files.map((file) =>
          file.verification === null ? null : JSON.stringify(file.verification),
        ),
        files.map((file) => file.description ?? null),
        [...input.recipientCodes],
        ...outboxRowParams(announcement),
      ],
    );
    const [row] = unwrapRows(rows);
    return {
      inserted: row.id !== null,
      recipientStatuses: new Map(row.recipients.map((r) => [r.code, r.status])),
    };
  }

  /**
   * The dispatch with its files and recipients, in one statement: `find`, not `findOne`, whose
   * LIMIT 1 makes TypeORM page over the joined rows with a second (SELECT DISTINCT) query. The id
   * is the primary key, so the joined rows are one dispatch's anyway.
   */
  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DispatchEntity | null> {
    const [dispatch] = await manager.find(DispatchEntity, {
      where: { id },
      relations: { files: true, recipients: true },
      order: { files: { ordinal: 'ASC' }, recipients: { recipientCode: 'ASC' } },
    });
    return dispatch ?? null;
  }

  /**
   * What a download needs, in one query: the dispatch's sender, the caller's copy (state only)
   * and the file asked for. Null when there is no such dispatch; `file` null when it has no such
   * file (`fileId` null: not a UUID, so none).
   */
  async findFileAccess(
    dispatchId: string,
    fileId: string | null,
    agencyCode: string,
  ): Promise<DispatchFileAccess | null> {
    const rows: DispatchFileAccessRow[] = await this.dataSource.query(
      `SELECT d.sender_code, r.state AS recipient_state,
              f.id, f.file_name, f.content_type, f.size_bytes, f.sha256
         FROM dispatches d
         LEFT JOIN dispatch_recipients r ON r.dispatch_id = d.id AND r.recipient_code = $2
         LEFT JOIN dispatch_files f ON f.dispatch_id = d.id AND f.id = $3::uuid
        WHERE d.id = $1`,
      [dispatchId, agencyCode, fileId],
    );
    const [row] = rows;
    if (!row) return null;
    return {
      senderCode: row.sender_code,
      recipientState: row.recipient_state,
      file:
        row.id === null
          ? null
          : {
              id: row.id,
              fileName: row.file_name!,
              contentType: row.content_type!,
              sizeBytes: Number(row.size_bytes),
              sha256: row.sha256!,
            },
    };
  }

  /**
   * A recipient's first download: its copy moves delivered → fetched and the announcement is
   * written, in one statement (atomic without an explicit transaction). False, writing nothing,
   * when the copy is no longer delivered (a concurrent download or a recall got there first).
   */
  async markFetched(
    dispatchId: string,
    recipientCode: string,
    announcement: OutboxRow,
  ): Promise<boolean> {
    const rows: unknown[] | [unknown[], number] = await this.dataSource.query(
      preparedStatement(`WITH fetched AS (
         UPDATE dispatch_recipients SET state = 'fetched', fetched_at = now()
          WHERE dispatch_id = $1 AND recipient_code = $2 AND state = 'delivered'
          RETURNING dispatch_id
       ), announced AS (
         ${outboxInsertFrom(3, 'fetched')}
       )
       SELECT dispatch_id FROM fetched`),
      [dispatchId, recipientCode, ...outboxRowParams(announcement)],
    );
    return unwrapRows(rows).length > 0;
  }

  /**
   * One page of what an agency sent, newest first, with every recipient: dispatches older than
   * `beforeId` (ids are UUIDv7, so id order is acceptance order).
   */
  async sentPage(
    senderCode: string,
    beforeId: string | null,
    limit: number,
  ): Promise<DispatchEntity[]> {
    return this.dataSource.getRepository(DispatchEntity).find({
      where: beforeId ? { senderCode, id: LessThan(beforeId) } : { senderCode },
      relations: { recipients: true },
      order: { id: 'DESC', recipients: { recipientCode: 'ASC' } },
      take: limit,
    });
  }

  /** The sender's latest dispatch with this document id that was not rejected (updates). */
  async findLatestByDocumentId(
    senderCode: string,
    documentId: string,
  ): Promise<DispatchEntity | null> {
    return this.dataSource.getRepository(DispatchEntity).findOne({
      where: { senderCode, documentId, state: Not('rejected') },
      order: { id: 'DESC' },
    });
  }

  /**
   * Every agency the sender addressed a dispatch with this document id to, the verifier's
   * rejections aside: an original and the replacements that kept its document id.
   */
  async recipientCodesOfDocument(senderCode: string, documentId: string): Promise<Set<string>> {
    const rows: { recipient_code: string }[] = await this.dataSource.query(
      `SELECT DISTINCT r.recipient_code
         FROM dispatches d JOIN dispatch_recipients r ON r.dispatch_id = d.id
        WHERE d.sender_code = $1 AND d.document_id = $2 AND d.state <> 'rejected'`,
      [senderCode, documentId],
    );
    return new Set(rows.map((row) => row.recipient_code));
  }

  /** Dispatches that replace the given one, oldest first. */
  async findReplacements(dispatchId: string): Promise<DispatchEntity[]> {
    return this.dataSource.getRepository(DispatchEntity).find({
      where: { replacesDispatchId: dispatchId },
      relations: { recipients: true },
      order: { id: 'ASC' },
    });
  }

  async findByIdempotencyKey(
    senderCode: string,
    idempotencyKey: string,
  ): Promise<DispatchEntity | null> {
    return this.dataSource.getRepository(DispatchEntity).findOneBy({ senderCode, idempotencyKey });
  }

  /**
   * One recipient acknowledges dispatches in its inbox, in one statement (atomic without an
   * explicit transaction): every listed copy still delivered or fetched moves to acknowledged (a
   * dispatch's sender is never its recipient) and the copies that moved are announced together
   * by one `announcement` (`Acknowledgement`), `occurredAt` the acknowledgement's time. Copies that did not move are read in the same statement:
   * already acknowledged, not the caller's, unknown (read again by a second statement only when
   * another transaction changed one meanwhile). Facts come back in the order of `dispatchIds`.
   */
  async acknowledge(
    acknowledgement: Acknowledgement,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AcknowledgementFacts[]> {
    const { dispatchIds, recipientCode, announcement } = acknowledgement;
    const ids = [...dispatchIds];
    const rows: AcknowledgementRow[] = await manager.query(
      preparedStatement(`WITH moved AS (
         UPDATE dispatch_recipients r
            SET state = 'acknowledged', acknowledged_at = now()
           FROM dispatches d
          WHERE r.dispatch_id = ANY($1::uuid[]) AND r.recipient_code = $2
            AND r.state IN ('delivered', 'fetched')
            AND d.id = r.dispatch_id AND d.sender_code <> $2
         RETURNING ${recipientColumnList('r')}, d.sender_code
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $3::uuid, $4, $5, $6,
                $7::jsonb || jsonb_build_object(
                  'acknowledgements', jsonb_agg(jsonb_build_object('dispatchId', dispatch_id,
                    'senderCode', sender_code) ORDER BY array_position($1::uuid[], dispatch_id)),
                  -- now(): one instant for the whole statement, so every copy's.
                  'occurredAt', to_char(min(acknowledged_at) AT TIME ZONE 'UTC',
                                        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
                $8::jsonb, $9::smallint, $10
           FROM moved
         HAVING count(*) > 0
       )
       SELECT d.id AS requested_id, d.sender_code, m.dispatch_id IS NOT NULL AS moved,
              ${RECIPIENT_COLUMNS.map((c) => `CASE WHEN m.dispatch_id IS NULL THEN r.${c} ELSE m.${c} END AS ${c}`).join(', ')}
         FROM dispatches d
         LEFT JOIN moved m ON m.dispatch_id = d.id
         -- Read only for copies that did not move (the statement's snapshot would show a moved
         -- one as it was before the UPDATE): a lookup by key each, skipped for the moved.
         LEFT JOIN LATERAL (
           SELECT * FROM dispatch_recipients
            WHERE dispatch_id = d.id AND recipient_code = $2 AND m.dispatch_id IS NULL
           OFFSET 0 -- kept a subquery, so the moved test gates the lookup instead of a join filter
         ) r ON true
        WHERE d.id = ANY($1::uuid[])`),
      [ids, recipientCode, ...outboxRowParams(announcement)],
    );
    const facts = new Map<string, Omit<AcknowledgementFacts, 'dispatchId'>>();
    for (const row of unwrapRows(rows)) facts.set(row.requested_id, factOf(row));
    // A copy that still looks acknowledgeable but did not move was changed by another
    // transaction the UPDATE waited for; the statement's snapshot predates that change, so read
    // it again (rare: only when two writers race on one copy).
    const raced = [...facts]
      .filter(([, fact]) => !fact.moved && isAcknowledgeable(fact.recipient))
      .map(([id]) => id);
    if (raced.length > 0) {
      const again: AcknowledgementRow[] = await manager.query(
        `SELECT d.id AS requested_id, d.sender_code, false AS moved, ${recipientColumnList('r')}
           FROM dispatches d
           LEFT JOIN dispatch_recipients r ON r.dispatch_id = d.id AND r.recipient_code = $2
          WHERE d.id = ANY($1::uuid[])`,
        [raced, recipientCode],
      );
      for (const row of again) facts.set(row.requested_id, factOf(row));
    }
    const unknown = { senderCode: null, recipient: null, moved: false };
    return ids.map((dispatchId) => ({
      dispatchId,
      ...(facts.get(dispatchId.toLowerCase()) ?? unknown),
    }));
  }

  /**
   * Routes a verified dispatch in one statement (atomic without an explicit transaction): records
   * the consumer's mark, moves the dispatch to routed and its pending recipients to queued, and
   * writes one `delivery.requested` per queued recipient plus the `dispatch.routed` event. A
   * dispatch its sender recalled before it was routed (every copy was withdrawn while pending) is
   * ended instead: it moves to withdrawn and `withdrawal` names every recipient; nothing is
   * queued. Null, changing nothing but the mark, when the message was already processed (no mark
   * written either) or the dispatch is not (or no longer) verified.
   *
   * The choice reads the dispatch row's own `recalled_at`, which the recall sets in the
   * transaction that withdraws the copies: the UPDATE locks that row and re-checks it after a
   * concurrent recall commits, whereas a subquery on the recipients would still see them pending
   * in the statement's snapshot and route a dispatch with nobody left to queue.
   *
   * The messages are checked templates (see `DispatchRouting`); the statement fills in what only
   * it knows: each request's id (a UUIDv7 made in SQL), routing key, `recipientCode`, `priority`
   * and correlation id, and the events' `senderCode`, `recipientCodes` (sorted) and correlation id.
   */
  async route(routing: DispatchRouting): Promise<'routed' | 'withdrawn' | null> {
    const { dispatchId, mark, deliveryRequest, announcement, withdrawal } = routing;
    const rows: { state: 'routed' | 'withdrawn' }[] | [never[], number] =
      await this.dataSource.query(
        preparedStatement(`WITH ${processedMarkCte(2)}, ended AS (
         UPDATE dispatches
            SET state = CASE WHEN recalled_at IS NULL THEN 'routed' ELSE 'withdrawn' END,
                updated_at = now()
          WHERE id = $1 AND state = 'verified' AND EXISTS (SELECT 1 FROM processed)
          RETURNING id, sender_code, correlation_id, priority, state
       ), routed AS (
         SELECT * FROM ended WHERE state = 'routed'
       ), queued AS (
         UPDATE dispatch_recipients SET state = 'queued', queued_at = now()
          WHERE dispatch_id IN (SELECT id FROM routed) AND state = 'pending'
          RETURNING recipient_code
       ), requested AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT ${UUID_V7_SQL}, $4, q.recipient_code, $5,
                $6::jsonb || jsonb_build_object('recipientCode', q.recipient_code,
                                                'priority', r.priority),
                $7::jsonb, r.priority, COALESCE($8::varchar, r.correlation_id)
           FROM routed r, queued q
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $9::uuid, $10, $11, $12,
                $13::jsonb || jsonb_build_object('senderCode', r.sender_code,
                  'recipientCodes', (SELECT jsonb_agg(recipient_code ORDER BY recipient_code)
                                       FROM queued)),
                $14::jsonb, $15::smallint, COALESCE($16::varchar, r.correlation_id)
           FROM routed r
       ), withdrawn AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $17::uuid, $18, $19, $20,
                $21::jsonb || jsonb_build_object('senderCode', e.sender_code,
                  'recipientCodes', (SELECT jsonb_agg(recipient_code ORDER BY recipient_code)
                                       FROM dispatch_recipients WHERE dispatch_id = e.id)),
                $22::jsonb, $23::smallint, COALESCE($24::varchar, e.correlation_id)
           FROM ended e WHERE e.state = 'withdrawn'
       )
       SELECT state FROM ended`),
        [
          dispatchId,
          ...processedMarkParams(mark),
          // Of the request, only what every recipient's copy shares (not its id, routing key or
          // priority: the statement gives each its own).
          deliveryRequest.destination,
          deliveryRequest.messageType,
          deliveryRequest.payload,
          deliveryRequest.headers,
          deliveryRequest.correlationId,
          ...outboxRowParams(announcement),
          ...outboxRowParams(withdrawal),
        ],
      );
    const [row] = unwrapRows(rows);
    return row?.state ?? null;
  }

  /**
   * Puts a queued dispatch into the recipient's inbox in one statement (atomic on its own, no
   * explicit transaction): records the consumer's mark, takes the inbox position, and writes the
   * `dispatch.delivered.batch` announcement listing this one copy (`DeliveredBatchEvent`).
   * Returns the position with what the caller reports of the dispatch; null, changing nothing,
   * when the message was already processed or the copy is not queued (delivered already, or
   * recalled).
   *
   * Readers page through an inbox by position (`delivery_seq > cursor`), so positions must become
   * visible in the order they are taken: were two deliveries to one agency to commit out of order,
   * a reader could pass the later one and never see the earlier. A transaction-scoped advisory
   * lock per recipient, taken before the position and held until commit, keeps them in order: the
   * UPDATE joins the CTE that takes the lock, so its `nextval` is evaluated only once the lock is
   * held (the int-spec checks the sequence does not move while a delivery waits).
   * Only the recipient row is locked (the dispatch row is read, not locked): a recall racing the
   * delivery serialises on that row and either finds it delivered or makes this find nothing.
   *
   * The announcement's `deliveries` list is filled in by the statement, and its correlation id,
   * unless it has one, is the dispatch's.
   */
  async deliver(
    delivery: DispatchDelivery,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DeliveredCopy | null> {
    const { dispatchId, recipientCode, mark, announcement } = delivery;
    const rows: DeliveredCopyRow[] = await manager.query(
      preparedStatement(`WITH ${processedMarkCte(3)}, locked AS (
         SELECT pg_advisory_xact_lock($5, hashtext($2)) FROM processed
       ), delivered AS (
         UPDATE dispatch_recipients AS r
            SET state = 'delivered', delivered_at = now(), delivery_seq = nextval('delivery_seq')
           FROM dispatches AS d, locked
          WHERE r.dispatch_id = $1 AND r.recipient_code = $2 AND r.state = 'queued'
            AND d.id = r.dispatch_id
         RETURNING r.dispatch_id, r.delivery_seq, d.sender_code, d.correlation_id, d.created_at
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $6::uuid, $7, $8, $9,
                $10::jsonb || jsonb_build_object('deliveries', jsonb_build_array(
                  ${DELIVERED_COPY_JSON})),
                $11::jsonb, $12::smallint, COALESCE($13::varchar, correlation_id)
           FROM delivered
       )
       SELECT delivery_seq, sender_code, correlation_id, created_at FROM delivered`),
      [
        dispatchId,
        recipientCode,
        ...processedMarkParams(mark),
        INBOX_POSITION_LOCK_SPACE,
        ...outboxRowParams(announcement),
      ],
    );
    const [row] = unwrapRows(rows);
    return row ? copyOf(row) : null;
  }

  /**
   * `deliver` for several messages asking for copies to one recipient, in one statement (one
   * commit, one WAL flush, instead of one each): every message's mark, the recipient's position
   * lock once, each queued copy delivered, and one `dispatch.delivered.batch` event listing every
   * copy delivered (`announcement`; none when nothing was). Answers in the order of `deliveries`:
   * the copy a message delivered, or null for a message already processed (a redelivery), for a
   * copy not queued, and for the second of two messages asking for one copy. All or nothing: a
   * failing statement writes no mark, no copy and no event. Prepared (its planning was ~0.6 ms a
   * batch); its generic plan is made afresh as the tables grow (see preparedStatement).
   */
  async deliverMany(
    deliveries: readonly DispatchDeliveryRequest[],
    announcement: DeliveredBatchEvent,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(DeliveredCopy | null)[]> {
    if (deliveries.length === 0) return [];
    const recipientCode = deliveries[0].recipientCode;
    if (deliveries.some((delivery) => delivery.recipientCode !== recipientCode)) {
      // One position lock per statement: two locks taken in varying orders could deadlock.
      throw new RangeError('deliverMany delivers to one recipient at a time');
    }
    const column = <V>(pick: (delivery: DispatchDeliveryRequest) => V) => deliveries.map(pick);
    const rows: DeliveredCopiesRow[] | [DeliveredCopiesRow[], number] = await manager.query(
      preparedStatement(`WITH asked AS (
         SELECT * FROM unnest($2::varchar[], $3::varchar[], $4::uuid[])
           AS a(consumer, message_id, dispatch_id)
       ), processed AS (
         INSERT INTO processed_messages (consumer, message_id)
         SELECT consumer, message_id FROM asked
         ON CONFLICT DO NOTHING RETURNING consumer, message_id
       ), locked AS (
         SELECT pg_advisory_xact_lock($5, hashtext($1)) WHERE EXISTS (SELECT 1 FROM processed)
       ), delivered AS (
         UPDATE dispatch_recipients AS r
            SET state = 'delivered', delivered_at = now(), delivery_seq = nextval('delivery_seq')
           FROM dispatches AS d, locked, processed AS p, asked AS a
          WHERE a.consumer = p.consumer AND a.message_id = p.message_id
            AND r.dispatch_id = a.dispatch_id AND r.recipient_code = $1 AND r.state = 'queued'
            AND d.id = r.dispatch_id
         RETURNING a.message_id, r.dispatch_id, r.delivery_seq, d.sender_code, d.correlation_id,
                   d.created_at
       ), announced AS (
         INSERT INTO outbox_messages (${OUTBOX_ROW_COLUMNS})
         SELECT $6::uuid, $7, $8, $9,
                $10::jsonb || jsonb_build_object('deliveries',
                  jsonb_agg(${DELIVERED_COPY_JSON} ORDER BY delivery_seq)),
                $11::jsonb, $12::smallint,
                COALESCE($13::varchar, CASE WHEN count(*) = 1 THEN min(correlation_id) END)
           FROM delivered
         HAVING count(*) > 0
       )
       SELECT message_id, delivery_seq, sender_code, correlation_id, created_at FROM delivered`),
      [
        recipientCode,
        column((delivery) => delivery.mark.consumer),
        column((delivery) => delivery.mark.messageId),
        column((delivery) => delivery.dispatchId),
        INBOX_POSITION_LOCK_SPACE,
        ...outboxRowParams(announcement),
      ],
    );
    const copies = new Map(unwrapRows(rows).map((row) => [row.message_id, copyOf(row)]));
    // A message listed twice delivered once: the copy is its first listing's.
    return deliveries.map(({ mark }) => {
      const copy = copies.get(mark.messageId) ?? null;
      copies.delete(mark.messageId);
      return copy;
    });
  }
}

function copyOf(row: DeliveredCopyRow): DeliveredCopy {
  return {
    deliverySeq: Number(row.delivery_seq),
    senderCode: row.sender_code,
    correlationId: row.correlation_id,
    acceptedAt: row.created_at,
  };
}

function factOf(row: AcknowledgementRow): Omit<AcknowledgementFacts, 'dispatchId'> {
  return {
    senderCode: row.sender_code,
    recipient: row.recipient_code ? recipientFromRow(row as DispatchRecipientRow) : null,
    moved: row.moved,
  };
}

function isAcknowledgeable(recipient: DispatchRecipientEntity | null): boolean {
  return recipient?.state === 'delivered' || recipient?.state === 'fetched';
}

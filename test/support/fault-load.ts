import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { OutboxWriter, type AnyOutboxMessageInput } from '@docaxis/messaging/outbox/outbox-writer';
import { agencyInboxQueue } from '@docaxis/messaging/topology/consumer-queue-definition';
import { laneQueuesOf } from '@docaxis/messaging/topology/delivery-lanes';
import { queueName } from '@docaxis/messaging/topology/topology-names';
import { DIRECTORY_CHANGED_QUEUE } from '../../apps/router/src/delivery/directory-changed.queue';
import { DISPATCH_VERIFIED_QUEUE } from '../../apps/router/src/routing/routing.queues';
import { STATUS_NOTICED_QUEUE } from '../../apps/router/src/status-notices/status-noticed.queue';
import { deletePrefix, type RunningAxis } from './running-axis';
import { waitFor } from './wait-for';

/** Dispatches per fault test: "a few thousand" (DOCAXIS_FAULT_DISPATCHES overrides it). */
export const FAULT_DISPATCHES = Number(process.env.DOCAXIS_FAULT_DISPATCHES ?? 2000);
export const FAULT_SENDER = '000.00.00.G22';
/** Several recipients, each on its own inbox queue. */
export const FAULT_RECIPIENTS = ['000.00.00.H41', '000.00.00.H14', '000.00.14.H20'] as const;

const ROWS_PER_STATEMENT = 500;

/**
 * Accepted, verified dispatches as the verifier leaves them: each row committed together with its
 * `dispatch.verified` event in the outbox, for the router to fan out and deliver. The gateway
 * and verifier paths before this point have their own e2e tests; generating thousands of signed
 * PDFs and verifying them would make the fault tests slow without exercising the faults. Every
 * tenth is Khẩn (urgent lane), so both lanes carry load.
 */
export async function seedVerifiedDispatches(
  db: DataSource,
  count: number = FAULT_DISPATCHES,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => uuidv7());
  const outbox = new OutboxWriter();
  const year = new Date().getUTCFullYear();
  for (let start = 0; start < ids.length; start += ROWS_PER_STATEMENT) {
    const chunk = ids.slice(start, start + ROWS_PER_STATEMENT);
    const numbers = chunk.map((_, i) => String(start + i + 1));
    const priorities = chunk.map((_, i) => ((start + i) % 10 === 0 ? 1 : 0));
    await db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO dispatches
           (id, sender_code, request_digest, document_id, code_number, code_notation,
            promulgation_year, subject, urgency, priority, envelope, state, correlation_id,
            verified_at)
         SELECT d.id, $2::text, repeat('0', 64),
                $2::text || ',' || $3::int || '/01/01,' || d.number || '/CV-FAULT',
                d.number, 'CV-FAULT', $3::int, 'Fault test ' || d.number,
                CASE WHEN d.priority > 0 THEN 'khan' ELSE 'normal' END, d.priority, '{}'::jsonb,
                'verified', d.id::text, now()
           FROM unnest($1::uuid[], $4::text[], $5::int[]) AS d(id, number, priority)`,
        [chunk, FAULT_SENDER, year, numbers, priorities],
      );
      await manager.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state)
         SELECT d.id, r.code, 'pending'
           FROM unnest($1::uuid[]) AS d(id) CROSS JOIN unnest($2::text[]) AS r(code)`,
        [chunk, [...FAULT_RECIPIENTS]],
      );
      const occurredAt = new Date().toISOString();
      const events: AnyOutboxMessageInput[] = chunk.map((dispatchId, i) => ({
        destination: 'events',
        routingKey: MessageTypes.DispatchVerified,
        messageType: MessageTypes.DispatchVerified,
        correlationId: dispatchId,
        priority: priorities[i],
        payload: {
          dispatchId,
          senderCode: FAULT_SENDER,
          recipientCodes: [...FAULT_RECIPIENTS],
          occurredAt,
          actor: 'verifier',
        },
      }));
      await outbox.enqueueMany(manager, events);
    });
  }
  return ids;
}

export interface DeliveryProgress {
  delivered: number;
  expected: number;
}

export async function deliveryProgress(db: DataSource): Promise<DeliveryProgress> {
  const [row] = await db.query<Array<{ delivered: number; expected: number }>>(
    `SELECT count(*) FILTER (WHERE r.state = 'delivered')::int AS delivered,
            count(*)::int AS expected
       FROM dispatch_recipients r JOIN dispatches d ON d.id = r.dispatch_id
      WHERE d.code_notation = 'CV-FAULT'`,
  );
  return row;
}

/**
 * Waits until `done` holds (all deliveries in inboxes by default). Gives up only when deliveries
 * stop advancing for `stallMs`: on a loaded machine slow progress is not a failure, a stall is.
 */
export async function waitForDeliveries(
  db: DataSource,
  done: (progress: DeliveryProgress) => boolean = (p) => p.delivered === p.expected,
  stallMs = 90_000,
): Promise<DeliveryProgress> {
  let progress = await deliveryProgress(db);
  let lastAdvance = Date.now();
  while (!done(progress)) {
    if (Date.now() - lastAdvance > stallMs) {
      throw new Error(
        `deliveries stalled: ${progress.delivered} of ${progress.expected} for ${stallMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await deliveryProgress(db);
    if (next.delivered > progress.delivered) lastAdvance = Date.now();
    progress = next;
  }
  return progress;
}

/** What a fault test checks after the fault, printed and returned. */
export interface ExactlyOnceReport {
  dispatches: number;
  recipients: number;
  /** Inbox entries (delivered recipient rows), their distinct inbox positions, the expected count. */
  inboxEntries: number;
  distinctInboxPositions: number;
  expectedInboxEntries: number;
  /** Per (dispatch, recipient): inbox entries listed more than once, or never. */
  duplicatedInboxEntries: number;
  missingInboxEntries: number;
  /** Audit: `dispatch.delivered` per (dispatch, recipient) and `dispatch.routed` per dispatch. */
  deliveredAuditRecords: number;
  duplicatedDeliveredAudit: number;
  routedAuditRecords: number;
  duplicatedRoutedAudit: number;
  /** Messages the router's idempotent consumers handled (one per routing and delivery). */
  processedMessages: number;
  outboxLeft: number;
}

/**
 * Waits for the audit to catch up (every delivery and routing recorded), then counts, per
 * dispatch and recipient, what the inboxes and the audit trail hold, and prints it.
 */
export async function checkExactlyOnce(
  db: DataSource,
  dispatchIds: readonly string[],
  title: string,
): Promise<ExactlyOnceReport> {
  const expectedInboxEntries = dispatchIds.length * FAULT_RECIPIENTS.length;
  await waitFor(
    () => auditCounts(db),
    (c) => c.delivered >= expectedInboxEntries && c.routed >= dispatchIds.length,
    'the audit trail to record every routing and delivery',
    120_000,
  );
  await waitForEmptyOutbox(db);
  const [inbox] = await db.query<Array<Record<string, number>>>(
    `WITH expected AS (
       SELECT d.id, r.code FROM unnest($1::uuid[]) AS d(id) CROSS JOIN unnest($2::text[]) AS r(code)
     ), listed AS (
       -- The inbox as the gateway lists it: delivered rows ordered by inbox position.
       SELECT dispatch_id, recipient_code, delivery_seq FROM dispatch_recipients
        WHERE delivery_seq IS NOT NULL AND dispatch_id = ANY($1::uuid[])
     ), per_pair AS (
       SELECT e.id, e.code, count(l.delivery_seq)::int AS n
         FROM expected e LEFT JOIN listed l ON l.dispatch_id = e.id AND l.recipient_code = e.code
        GROUP BY e.id, e.code
     )
     SELECT (SELECT count(*) FROM listed)::int AS "inboxEntries",
            (SELECT count(DISTINCT delivery_seq) FROM listed)::int AS "distinctInboxPositions",
            (SELECT count(*) FROM per_pair WHERE n > 1)::int AS "duplicatedInboxEntries",
            (SELECT count(*) FROM per_pair WHERE n = 0)::int AS "missingInboxEntries"`,
    [dispatchIds, [...FAULT_RECIPIENTS]],
  );
  const [audit] = await db.query<Array<Record<string, number>>>(
    `SELECT count(*) FILTER (WHERE event_type = 'dispatch.delivered')::int AS "deliveredAuditRecords",
            count(*) FILTER (WHERE event_type = 'dispatch.routed')::int AS "routedAuditRecords",
            (SELECT count(*) FROM (SELECT 1 FROM audit_records WHERE event_type = 'dispatch.delivered'
                AND dispatch_id = ANY($1::uuid[])
              GROUP BY dispatch_id, recipient_code HAVING count(*) > 1) x)::int AS "duplicatedDeliveredAudit",
            (SELECT count(*) FROM (SELECT 1 FROM audit_records WHERE event_type = 'dispatch.routed'
                AND dispatch_id = ANY($1::uuid[])
              GROUP BY dispatch_id HAVING count(*) > 1) x)::int AS "duplicatedRoutedAudit"
       FROM audit_records WHERE dispatch_id = ANY($1::uuid[])`,
    [dispatchIds],
  );
  const [processed] = await db.query<Array<{ count: number }>>(
    `SELECT count(*)::int AS count FROM processed_messages WHERE consumer LIKE 'router.%'`,
  );
  const report: ExactlyOnceReport = {
    dispatches: dispatchIds.length,
    recipients: FAULT_RECIPIENTS.length,
    expectedInboxEntries,
    inboxEntries: inbox.inboxEntries,
    distinctInboxPositions: inbox.distinctInboxPositions,
    duplicatedInboxEntries: inbox.duplicatedInboxEntries,
    missingInboxEntries: inbox.missingInboxEntries,
    deliveredAuditRecords: audit.deliveredAuditRecords,
    duplicatedDeliveredAudit: audit.duplicatedDeliveredAudit,
    routedAuditRecords: audit.routedAuditRecords,
    duplicatedRoutedAudit: audit.duplicatedRoutedAudit,
    processedMessages: processed.count,
    outboxLeft: await outboxLeft(db),
  };
  console.log(`${title}: checked\n${JSON.stringify(report, null, 2)}`);
  return report;
}

/** What every fault test expects of the report: all there, nothing twice. */
export function exactlyOnceExpectation(dispatches: number): Partial<ExactlyOnceReport> {
  const entries = dispatches * FAULT_RECIPIENTS.length;
  return {
    inboxEntries: entries,
    distinctInboxPositions: entries,
    duplicatedInboxEntries: 0,
    missingInboxEntries: 0,
    deliveredAuditRecords: entries,
    duplicatedDeliveredAudit: 0,
    routedAuditRecords: dispatches,
    duplicatedRoutedAudit: 0,
    processedMessages: dispatches + entries,
    outboxLeft: 0,
  };
}

async function auditCounts(db: DataSource): Promise<{ delivered: number; routed: number }> {
  const [row] = await db.query<Array<{ delivered: number; routed: number }>>(
    `SELECT count(*) FILTER (WHERE event_type = 'dispatch.delivered')::int AS delivered,
            count(*) FILTER (WHERE event_type = 'dispatch.routed')::int AS routed
       FROM audit_records`,
  );
  return row;
}

/** Waits until every outbox row was published (and confirmed) by some app's relay. */
export async function waitForEmptyOutbox(db: DataSource): Promise<void> {
  await waitFor(
    () => outboxLeft(db),
    (left) => left === 0,
    'the outbox to drain',
    60_000,
  );
}

async function outboxLeft(db: DataSource): Promise<number> {
  const [row] = await db.query<Array<{ count: number }>>(
    `SELECT count(*)::int AS count FROM outbox_messages`,
  );
  return row.count;
}

/** Broker names of the router's queues (to delete them when the router ran out of process). */
export function routerQueueNames(prefix: string, agencyCodes: readonly string[]): string[] {
  // The router's own definitions, so a queue it gains is cleaned up too.
  const definitions = [
    DISPATCH_VERIFIED_QUEUE,
    STATUS_NOTICED_QUEUE,
    DIRECTORY_CHANGED_QUEUE,
    ...agencyCodes.map((code) => agencyInboxQueue(code)),
  ];
  return definitions.flatMap((d) => laneQueuesOf(d).map((lane) => queueName(prefix, lane.name)));
}

/**
 * Stops the axis, then deletes the queues of a router that ran out of process: `stop` deletes
 * what the in-process apps declared, and their topologies do not list the router's.
 */
export async function stopAxisAndRouterQueues(axis: RunningAxis): Promise<void> {
  const codes = await axis.db.query<Array<{ code: string }>>(`SELECT code FROM agencies`);
  const prefix = axis.env.AMQP_PREFIX!;
  await axis.stop();
  await deletePrefix(
    prefix,
    routerQueueNames(
      prefix,
      codes.map((c) => c.code),
    ),
    [],
    axis.env.AMQP_URL,
  );
}

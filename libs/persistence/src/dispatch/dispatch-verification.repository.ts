import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DispatchState } from './dispatch-state';
import { preparedStatement } from '../database/prepared-statements';
import { unwrapRows } from '../database/update-returning-rows';
import { outboxInsertFrom, outboxRowParams, type OutboxRow } from '../outbox/outbox-row';
import {
  processedMarkCte,
  processedMarkParams,
  type ProcessedMark,
} from '../processed-message/processed-mark';

/** What the verifier needs of a submitted dispatch, files in ordinal order, recipients sorted. */
export interface DispatchToVerify {
  id: string;
  state: DispatchState;
  senderCode: string;
  correlationId: string;
  priority: number;
  /** When the gateway accepted it (created_at): the revocation retry window counts from here. */
  acceptedAt: Date;
  files: { id: string; fileName: string; sha256: string }[];
  recipientCodes: string[];
}

/** The verifier's verdict on a dispatch. */
export type VerificationVerdict =
  | { state: 'verified' }
  | {
      state: 'rejected';
      rejectionCode: string;
      /** In English. */
      rejectionMessage: string;
      rejectionMessageVi: string;
    };

/** One file's verification report, stored as the file's `verification` (jsonb). */
export interface FileVerificationReport {
  fileId: string;
  report: object;
}

/** What `DispatchVerificationRepository.recordVerdict` records of one verification. */
export interface VerdictRecord {
  dispatchId: string;
  verdict: VerificationVerdict;
  reports: readonly FileVerificationReport[];
  /** The verifying consumer's idempotency record for the message asking for it. */
  mark: ProcessedMark;
  /** The event announcing the verdict, written with it or not at all. */
  announcement: OutboxRow;
}

/**
 * The verifier's reads and writes of a dispatch, in plain SQL: one statement to load it and one
 * to record the verdict with every file's report. The verifier handles every dispatch once, on
 * the hot path, where TypeORM's entity loading (a pagination query beside the join, rows
 * multiplied by files × recipients, entity hydration) and one UPDATE per file cost more CPU than
 * the SQL itself.
 */
@Injectable()
export class DispatchVerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findToVerify(id: string): Promise<DispatchToVerify | null> {
    const rows: DispatchToVerify[] = await this.dataSource.query(
      preparedStatement(`SELECT d.id, d.state, d.sender_code AS "senderCode", d.correlation_id AS "correlationId",
              d.priority, d.created_at AS "acceptedAt",
              COALESCE((SELECT json_agg(json_build_object(
                                  'id', f.id, 'fileName', f.file_name, 'sha256', f.sha256)
                                ORDER BY f.ordinal)
                          FROM dispatch_files f WHERE f.dispatch_id = d.id), '[]') AS files,
              ARRAY(SELECT r.recipient_code::text FROM dispatch_recipients r
                     WHERE r.dispatch_id = d.id ORDER BY r.recipient_code) AS "recipientCodes"
         FROM dispatches d
        WHERE d.id = $1`),
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * In one statement (atomic without an explicit transaction): records the message's processed
   * mark and, if the mark is new and the dispatch still `accepted`, moves it to the verdict,
   * stores every file's report and writes the announcement (`dispatch.verified` or
   * `dispatch.rejected`). The conditional UPDATE takes the row lock, so of two deliveries racing
   * on one dispatch the second waits, then finds it decided; a redelivered message finds its
   * mark (see processedMarkCte). Returns false (and changes nothing else) in either case.
   */
  async recordVerdict(
    decision: VerdictRecord,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const { dispatchId, verdict, reports, mark, announcement } = decision;
    const rejection =
      verdict.state === 'rejected'
        ? [verdict.rejectionCode, verdict.rejectionMessage, verdict.rejectionMessageVi]
        : [null, null, null];
    const rows: { id: string }[] = await manager.query(
      preparedStatement(`WITH ${processedMarkCte(7)}, decided AS (
         UPDATE dispatches
            SET state = $2, rejection_code = $3, rejection_message = $4,
                rejection_message_vi = $5, verified_at = now(), updated_at = now()
          WHERE id = $1 AND state = 'accepted' AND EXISTS (SELECT 1 FROM processed)
          RETURNING id
       ), reported AS (
         UPDATE dispatch_files f
            SET verification = r.report
           FROM decided, jsonb_to_recordset($6::jsonb) AS r(id uuid, report jsonb)
          WHERE f.dispatch_id = decided.id AND f.id = r.id
       ), announced AS (
         ${outboxInsertFrom(9, 'decided')}
       )
       SELECT id FROM decided`),
      [
        dispatchId,
        verdict.state,
        ...rejection,
        // One JSON document for all files: no per-element escaping into a PostgreSQL array.
        JSON.stringify(reports.map(({ fileId, report }) => ({ id: fileId, report }))),
        ...processedMarkParams(mark),
        ...outboxRowParams(announcement),
      ],
    );
    return unwrapRows(rows).length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Dispatches awaiting verification, per sending agency that has any. */
export type PendingBySender = ReadonlyMap<string, number>;

/** How many dispatches the axis accepted and has not yet verified (or rejected). */
@Injectable()
export class VerificationBacklogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Dispatches in state `accepted` per sender: their announcement is in the outbox or on the
   * verifiers' queue. They are the ones without a verdict time (`ck_dispatches_verified_at`),
   * the predicate of `ix_dispatches_awaiting_verification` (keyed on sender_code): an index-only
   * scan of the backlog alone.
   */
  async countAwaitingVerificationBySender(): Promise<PendingBySender> {
    const rows = await this.dataSource.query<Array<{ sender_code: string; pending: number }>>(
      `SELECT sender_code, count(*)::int AS pending FROM dispatches
        WHERE verified_at IS NULL GROUP BY sender_code`,
    );
    return new Map(rows.map((row) => [row.sender_code, row.pending]));
  }
}

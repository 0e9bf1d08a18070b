import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How many dispatches the axis accepted and has not yet verified (or rejected). */
@Injectable()
export class VerificationBacklogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Dispatches in state `accepted`: their announcement is in the outbox or on the verifiers'
   * queue. An index-only scan of `ix_dispatches_awaiting_verification`, whose size is the backlog.
   */
  async countAwaitingVerification(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ backlog: number }>>(
      `SELECT count(*)::int AS backlog FROM dispatches WHERE state = 'accepted'`,
    );
    return row.backlog;
  }
}

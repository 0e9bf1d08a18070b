import type { DataSource } from 'typeorm';

/**
 * How many sessions of this spec's database wait for a lock now: the load-independent sign that
 * a statement started and is held by another transaction (its own database, so other specs'
 * waits do not count).
 */
export async function sessionsWaitingForLocks(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return row.n;
}

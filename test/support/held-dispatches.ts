import type { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/** Dispatch rows the test keeps locked, so the router's routing of them cannot finish. */
export interface HeldDispatches {
  /**
   * Waits until a router statement waits on each held row (the router is inside them) and
   * returns the server process ids of those statements.
   */
  routerInside(): Promise<number[]>;
  release(): Promise<void>;
}

/**
 * Locks the rows of `ids` in a transaction of the test's own: the router's routing of those
 * dispatches (its UPDATE of the row) waits in the database, its message taken and not acked,
 * until `release`. One pool connection of the router waits per held dispatch. A fault that
 * comes while the router is inside them comes while deliveries are provably still to do.
 */
export async function holdDispatches(
  db: DataSource,
  ids: readonly string[],
): Promise<HeldDispatches> {
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  await runner.query(`SELECT id FROM dispatches WHERE id = ANY($1) FOR UPDATE`, [ids]);
  const [{ pid }]: Array<{ pid: number }> = await runner.query(`SELECT pg_backend_pid() AS pid`);
  const waitingRouterStatements = async () => {
    const rows = await db.query<Array<{ pid: number }>>(
      `SELECT pid FROM pg_stat_activity
        WHERE application_name = 'docaxis-router' AND $1 = ANY(pg_blocking_pids(pid))`,
      [pid],
    );
    return rows.map((row) => row.pid);
  };
  return {
    routerInside: () =>
      waitFor(
        waitingRouterStatements,
        (waiting) => waiting.length === ids.length,
        'the router to route the held dispatches',
      ),
    async release() {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

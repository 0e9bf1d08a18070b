import { createHash } from 'node:crypto';
import { Client } from 'pg';

/** Statement text → the name it is prepared under. */
const preparedNames = new Map<string, string>();

/**
 * Marks a hot-path statement's text as one to prepare, and returns it for `manager.query`. Every
 * connection of a pool opened with `PreparingPgClient` (all of them: `dataSourceOptions`) then
 * sends it as a named prepared statement, so PostgreSQL parses and analyses it once per connection
 * and its plan cache may keep a generic plan (its own choice, `plan_cache_mode` untouched)
 * instead of parsing and planning the text on every execution. For the pipeline's CTE statements
 * that was most of their backend CPU. Only for texts that do not vary from call to call (values go
 * in parameters): each distinct text stays prepared on every connection it ran on.
 *
 * A generic plan is costed from the tables' sizes when it is made and kept until a table is next
 * ANALYZEd, which on a server without autovacuum (the development server) is never. Made on
 * near-empty tables, it can be wrong for the same tables grown: a key lookup on
 * `dispatch_recipients (dispatch_id, recipient_code)` planned while the table was empty used the
 * inbox index on `recipient_code` alone and, 3,000 dispatches later, read ~1,300 pages per
 * delivery; a read by a list (`= ANY($1)`) planned as a sequential scan of a near-empty table stays
 * one (the audit head-and-known-ids read went to 25 ms at 45,000 records that way). So each
 * connection prepares a statement afresh after `REPLAN_FIRST_AFTER` executions, then after twice
 * as many each time, at most every `REPLAN_MAX_INTERVAL`: its generic plan is never made on
 * tables much smaller than they are (see `PreparingPgClient`).
 *
 * Why it stays though a deployment runs autovacuum: there, each autoanalyze of a table (after 50
 * rows plus 10 % changed, at the defaults) invalidates the plans that read it, which does much the
 * same. The refresh is for servers that never ANALYZE (the development and CI server, where the
 * pipeline specs and the bench run) and for the time a table grows between two autoanalyzes.
 * It relies on node-postgres internals (`connection.close`, `parsedStatements`, the order in
 * which a queued query is written), not its API, so package.json pins `pg` exactly: before any
 * upgrade of `pg` (or PostgreSQL), run
 * prepared-statements.int-spec.ts, which fails if the old statement is not closed, if a refresh
 * breaks a query queued on the connection, or if the plan is not made afresh.
 */
export function preparedStatement(text: string): string {
  if (!preparedNames.has(text)) {
    // Derived from the text: two statements never share a name, whichever module marks them.
    preparedNames.set(text, `dx_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`);
  }
  return text;
}

/** Executions on one connection after which a prepared statement is first prepared afresh. */
export const REPLAN_FIRST_AFTER = 8;
/** The longest run of executions one preparation serves (the interval doubles up to this). */
export const REPLAN_MAX_INTERVAL = 16_384;

/** One marked statement as a connection has it prepared now. */
interface Preparation {
  /** How many times it was prepared afresh on this connection (part of its name). */
  generation: number;
  /** Executions under the current name. */
  executions: number;
  /** Executions sent or queued on this connection that have not answered yet. */
  pending: number;
}

/** node-postgres' own `query`, all overloads in one (its arguments pass through unchanged). */
interface PgQuery {
  query(this: Client, ...args: unknown[]): unknown;
}

/** What node-postgres' connection offers for closing a prepared statement, and its record of them. */
interface PgConnection {
  connection: {
    close(message: { type: 'S'; name: string }): void;
    parsedStatements: Record<string, string>;
  };
}

/**
 * node-postgres' client, sending a text marked with `preparedStatement` as a named statement
 * (`{ name, text, values }`, which node-postgres parses once per connection). Everything else,
 * results and errors included, is the plain client's, so TypeORM sees no difference.
 *
 * Counts each marked statement's executions; when one is due to be planned afresh it closes the
 * old name (a protocol Close message written ahead of the statement: no round trip of its own,
 * and node-postgres ignores the CloseComplete, as after its own Close) and prepares the text under
 * the next name, whose first executions PostgreSQL plans for their values before it weighs a
 * generic plan again, on the tables as they are now.
 */
export class PreparingPgClient extends Client {
  /** Marked statement name → its current preparation on this connection. */
  readonly preparations = new Map<string, Preparation>();

  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    // node-postgres emits a connection the server ended (a restart, pg_terminate_backend, a
    // failover) as an 'error' event, and pg-pool takes its own listener off a client while it is
    // checked out: one with no listener at that moment threw it as an uncaught exception, taking
    // the whole app down. The query in flight, if any, rejects with the error anyway, and the pool
    // discards a client that is no longer queryable: this listener only keeps the process alive.
    this.on('error', () => undefined);
  }
}

/** The name a marked statement has on a connection in its `generation`-th preparation. */
function generationName(baseName: string, generation: number): string {
  return generation === 0 ? baseName : `${baseName}_${generation}`;
}

function replanAfter(generation: number): number {
  return Math.min(REPLAN_FIRST_AFTER * 2 ** generation, REPLAN_MAX_INTERVAL);
}

/** A marked statement's preparation on a connection, prepared afresh when it is due. */
function currentPreparation(client: PreparingPgClient, baseName: string): Preparation {
  let preparation = client.preparations.get(baseName);
  if (preparation === undefined) {
    preparation = { generation: 0, executions: 0, pending: 0 };
    client.preparations.set(baseName, preparation);
  }
  // Not while an execution under the old name waits in the client's queue or for its answer: the
  // Close would reach the server before that execution's Bind, and node-postgres, marking the name
  // parsed when its ParseComplete arrives, would not Parse it again ("prepared statement … does
  // not exist"). The refresh waits for a call with none pending.
  if (preparation.pending === 0 && preparation.executions >= replanAfter(preparation.generation)) {
    const retired = generationName(baseName, preparation.generation);
    const { connection } = client as unknown as PgConnection;
    // Written now, so it reaches the server before the statement's Parse under the next name
    // (a statement queued behind one in flight is written later). Closing a name that does not
    // exist is no error; a server in a failed transaction closes it too.
    connection.close({ type: 'S', name: retired });
    delete connection.parsedStatements[retired];
    preparation.generation += 1;
    preparation.executions = 0;
  }
  preparation.executions += 1;
  return preparation;
}

PreparingPgClient.prototype.query = function (
  this: PreparingPgClient,
  ...args: unknown[]
): unknown {
  const [text, values, callback] = args;
  const baseName = typeof text === 'string' ? preparedNames.get(text) : undefined;
  // Looked up per call, not kept: a test's statement counter may patch Client.prototype.query.
  const pg = Client.prototype as unknown as PgQuery;
  if (baseName !== undefined && (values === undefined || Array.isArray(values)) && !callback) {
    const preparation = currentPreparation(this, baseName);
    const name = generationName(baseName, preparation.generation);
    preparation.pending += 1;
    const answer = pg.query.call(this, { name, text, values: values ?? [] }) as Promise<unknown>;
    return answer.finally(() => {
      preparation.pending -= 1;
    });
  }
  return pg.query.call(this, ...args);
} as typeof Client.prototype.query;

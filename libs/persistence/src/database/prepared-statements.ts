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
 * Only for statements whose best plan does not depend on how big their tables are: lookups by
 * primary or unique key equality, inserts. A generic plan is chosen from the table's size when
 * the connection first runs the statement and kept until the table is next ANALYZEd, which on a
 * server without autovacuum (the development server) is never: a scan by a list (`= ANY($1)`) or
 * a range planned as a sequential scan of a near-empty table stays one as the table grows (the
 * audit head-and-known-ids read went to 25 ms at 45,000 records that way).
 */
export function preparedStatement(text: string): string {
  if (!preparedNames.has(text)) {
    // Derived from the text: two statements never share a name, whichever module marks them.
    preparedNames.set(text, `dx_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`);
  }
  return text;
}

/** node-postgres' own `query`, all overloads in one (its arguments pass through unchanged). */
interface PgQuery {
  query(this: Client, ...args: unknown[]): unknown;
}

/**
 * node-postgres' client, sending a text marked with `preparedStatement` as a named statement
 * (`{ name, text, values }`, which node-postgres parses once per connection). Everything else,
 * results and errors included, is the plain client's, so TypeORM sees no difference.
 */
export class PreparingPgClient extends Client {}

PreparingPgClient.prototype.query = function (this: Client, ...args: unknown[]): unknown {
  const [text, values, callback] = args;
  const name = typeof text === 'string' ? preparedNames.get(text) : undefined;
  // Looked up per call, not kept: a test's statement counter may patch Client.prototype.query.
  const pg = Client.prototype as unknown as PgQuery;
  if (name !== undefined && (values === undefined || Array.isArray(values)) && !callback) {
    return pg.query.call(this, { name, text, values: values ?? [] });
  }
  return pg.query.call(this, ...args);
} as typeof Client.prototype.query;

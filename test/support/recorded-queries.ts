import type { DataSource, EntityManager } from 'typeorm';

/**
 * Records the SQL of every `query` call made through `target` from now on (a DataSource or an
 * EntityManager), for a spec that counts a repository's round trips. Returns the live list.
 */
export function recordQueries(target: DataSource | EntityManager): string[] {
  const statements: string[] = [];
  const query = target.query.bind(target) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  target.query = ((sql: string, ...rest: unknown[]) => {
    statements.push(sql);
    return query(sql, ...rest);
  }) as typeof target.query;
  return statements;
}

/** A statement's first word ('UPDATE', 'SELECT', 'WITH', …). */
export function statementVerb(sql: string): string {
  return sql.trim().split(/\s+/)[0];
}

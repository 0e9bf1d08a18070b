import type { EntityMetadata, ValueTransformer } from 'typeorm';

const TIMESTAMP_TYPES = new Set<unknown>([
  'timestamptz',
  'timestamp',
  'timestamp with time zone',
  'timestamp without time zone',
]);

/**
 * An entity from its row as PostgreSQL's `to_jsonb(row)` spells it (column names, timestamps as
 * ISO text, bigint as a number): what TypeORM would hydrate, for a query that gathers several
 * tables' rows in one statement (`jsonb_agg`) where TypeORM would need a round trip per relation.
 * Relations are left to the caller.
 */
export function entityFromJson<T>(metadata: EntityMetadata, json: Record<string, unknown>): T {
  const entity: Record<string, unknown> = {};
  for (const column of metadata.columns) {
    if (column.relationMetadata && !column.propertyName) continue;
    let value: unknown = json[column.databaseName] ?? null;
    if (value !== null && TIMESTAMP_TYPES.has(column.type)) value = new Date(value as string);
    const transformer = column.transformer as ValueTransformer | undefined;
    if (transformer && !Array.isArray(transformer)) value = transformer.from(value) as unknown;
    entity[column.propertyName] = value;
  }
  return entity as T;
}

import type { DataSource } from 'typeorm';

/**
 * The raw pipeline's tables, in a schema of their own in the benchmark run's database (dropped
 * with it): a dispatch row, one delivery row per recipient, one audit row per step.
 */
export async function createRawPipelineSchema(db: DataSource): Promise<void> {
  await db.query(`
    CREATE SCHEMA raw_pipeline;
    CREATE TABLE raw_pipeline.dispatches (
      id uuid PRIMARY KEY,
      sender text NOT NULL,
      envelope jsonb NOT NULL,
      files jsonb NOT NULL,
      accepted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE SEQUENCE raw_pipeline.inbox_sequence;
    CREATE TABLE raw_pipeline.deliveries (
      dispatch_id uuid NOT NULL REFERENCES raw_pipeline.dispatches,
      recipient text NOT NULL,
      inbox_sequence bigint,
      acknowledged_at timestamptz,
      PRIMARY KEY (dispatch_id, recipient)
    );
    CREATE INDEX ON raw_pipeline.deliveries (recipient, inbox_sequence)
      WHERE inbox_sequence IS NOT NULL;
    CREATE TABLE raw_pipeline.audit_events (
      id bigserial PRIMARY KEY,
      dispatch_id uuid NOT NULL,
      agency text NOT NULL,
      type text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

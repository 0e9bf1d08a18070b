/**
 * Per-table storage parameters (`ALTER TABLE … SET (…)`) that the migrations give the tables
 * whose rows are updated or deleted soon after they are written. TypeORM's schema comparison does
 * not see storage parameters, so the schema spec compares `pg_class.reloptions` with this list:
 * a migration that changes them must change this list too, and the other way round.
 *
 * Autovacuum vacuums a table once its dead rows exceed threshold + scale factor × rows
 * (PostgreSQL, "Routine Vacuuming"). The defaults (50 + 20 %) suit tables that change slowly;
 * see README, "PostgreSQL settings a deployment needs", for the reasoning behind each value.
 */
/**
 * Kept for good but updated at each step soon after the insert (a recipient's copy: queued,
 * delivered, fetched, acknowledged; a dispatch: verified, routed; a status notice: ready,
 * delivered; a webhook notification: leased per attempt, delivered): their dead versions sit in
 * the newest pages, the ones the inbox, the delivery and the senders read. Vacuum after 2 % (not
 * 20 %) of the rows, analyse after 1 % (not 10 %), so a table of millions is not left with
 * hundreds of thousands of dead versions or stale statistics; the cost delay is left to the
 * server (these tables grow large: their vacuum should stay throttled).
 */
const UPDATED_AFTER_INSERT = [
  'autovacuum_vacuum_scale_factor=0.02',
  'autovacuum_vacuum_threshold=1000',
  'autovacuum_analyze_scale_factor=0.01',
  'autovacuum_analyze_threshold=1000',
] as const;

export const TABLE_STORAGE_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  /**
   * A queue: every message is inserted, updated by the relay's claim and deleted within
   * seconds, leaving two dead versions, and the claim reads every page of the heap. Vacuum
   * after 1,000 dead versions whatever the table's size, unthrottled (the table is small; a
   * throttled vacuum lets the bloat regrow while it sleeps); analyse rarely (its statistics
   * hardly change, and each ANALYZE makes every connection plan the claim again).
   */
  outbox_messages: [
    'autovacuum_vacuum_scale_factor=0',
    'autovacuum_vacuum_threshold=1000',
    'autovacuum_vacuum_cost_delay=0',
    'autovacuum_analyze_scale_factor=0',
    'autovacuum_analyze_threshold=50000',
  ],
  dispatches: UPDATED_AFTER_INSERT,
  dispatch_recipients: UPDATED_AFTER_INSERT,
  status_notices: UPDATED_AFTER_INSERT,
  webhook_notifications: UPDATED_AFTER_INSERT,
};

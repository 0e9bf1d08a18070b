const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The axis' ids (dispatches, their files, notices, webhooks…) are UUIDs, in either letter case as
 * PostgreSQL reads them. Anything else names no row, and must not reach a `uuid` column:
 * PostgreSQL would answer an error, not "none".
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A UUID as the axis writes it and PostgreSQL answers it: lower case. */
export function isLowerCaseUuid(value: string): boolean {
  return LOWER_CASE_UUID.test(value);
}

/**
 * SQL for a UUIDv7 (milliseconds since the epoch, then random bits) made by PostgreSQL 15, which
 * has no uuidv7(): for rows a statement writes in a number only it knows (one outbox message per
 * recipient it queues), in the same time order as the `uuid` package's v7 ids the app makes. A
 * random v4 with its first 48 bits replaced by the clock and its version nibble turned 4 → 7.
 */
export const UUID_V7_SQL = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
  placing substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
  FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`;

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

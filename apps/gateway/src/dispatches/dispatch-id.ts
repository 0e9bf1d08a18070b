const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dispatch ids are UUIDs; anything else names no dispatch (and never reaches PostgreSQL). */
export function isDispatchId(value: string): boolean {
  return UUID.test(value);
}

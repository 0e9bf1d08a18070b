/**
 * `dd/mm/yyyy hh:mm:ss (label)` for an ISO instant shown at a fixed UTC offset. Fixed offsets, not
 * time-zone names: Vietnam has no daylight saving, and the output must not depend on the ICU data
 * or the TZ of the machine that renders the report. Unparseable input is returned unchanged.
 */
export function formatInstantAt(iso: string, offsetMinutes: number, label: string): string {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return iso;
  const shifted = new Date(millis + offsetMinutes * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${two(shifted.getUTCDate())}/${two(shifted.getUTCMonth() + 1)}/${shifted.getUTCFullYear()} ` +
    `${two(shifted.getUTCHours())}:${two(shifted.getUTCMinutes())}:${two(shifted.getUTCSeconds())} (${label})`
  );
}

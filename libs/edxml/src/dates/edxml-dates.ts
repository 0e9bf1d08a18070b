/**
 * Dates in docaxis's JSON are ISO calendar dates (`2026-11-20`); edXML writes `2026/11/20` and
 * timestamps `2026/11/20 09:00:00` in Vietnam time (UTC+07:00, no daylight saving), without an
 * offset. Dates stay strings end to end: a calendar date has no time zone to get wrong.
 */
export const VIETNAM_UTC_OFFSET = '+07:00';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EDXML_DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;
const EDXML_TIMESTAMP = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A real calendar date in `yyyy-mm-dd` (2026-02-29 is not). */
export function isIsoCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  return !!match && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isoDateToEdxml(isoDate: string): string {
  return isoDate.replace(/-/g, '/');
}

/** `2026/11/20` → `2026-11-20`; `undefined` if it is not a real date in that shape. */
export function edxmlDateToIso(edxmlDate: string): string | undefined {
  const match = EDXML_DATE.exec(edxmlDate);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return undefined;
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** `2026/11/20 09:00:00` (Vietnam time) → the instant; `undefined` if malformed or impossible. */
export function edxmlTimestampToDate(timestamp: string): Date | undefined {
  const match = EDXML_TIMESTAMP.exec(timestamp);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VIETNAM_OFFSET_MS);
}

/** The instant as Vietnam wall-clock time, `yyyy/MM/dd HH:mm:ss`. */
export function dateToEdxmlTimestamp(instant: Date): string {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${local.getUTCFullYear()}/${pad(local.getUTCMonth() + 1)}/${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  );
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

import { dateToEdxmlTimestamp, edxmlTimestampToDate } from '../dates/edxml-dates';
import { EdxmlTraceTooLongError } from './edxml-errors';
import type { EdxmlTraceHeader, EdxmlTraceHeaderList } from './edxml-packet';

/** One system a packet passed before reaching the axis: its OrganId and when it handed it on. */
export interface ReceivedTraceEntry {
  readonly organId: string;
  /** ISO 8601 instant (the packet's `yyyy/MM/dd HH:mm:ss` in Vietnam time, converted). */
  readonly timestamp: string;
}

/**
 * At most this many TraceHeaders are kept from a received packet. A real path has a handful
 * (sender, its ministry's or province's axis, the national axis); the bound keeps what the axis
 * stores and serves back small. docaxis' own choice: QCVN 102 sets none.
 */
export const RECEIVED_TRACE_MAX_ENTRIES = 32;

/**
 * The TraceHeaders of a parsed packet, to be served back before the axis' own entry (a real
 * axis appends to the trace it received). The parser has checked each OrganId and Timestamp;
 * unknown children of a TraceHeader are not kept. `undefined` when the packet has no trace.
 * Throws `EDXML_TRACE_TOO_LONG` beyond `RECEIVED_TRACE_MAX_ENTRIES`.
 */
export function receivedTraceOf(
  list: EdxmlTraceHeaderList | undefined,
): ReceivedTraceEntry[] | undefined {
  const headers = list?.traceHeaders ?? [];
  if (headers.length > RECEIVED_TRACE_MAX_ENTRIES) {
    throw new EdxmlTraceTooLongError(headers.length, RECEIVED_TRACE_MAX_ENTRIES);
  }
  if (headers.length === 0) return undefined;
  return headers.map((header) => ({
    organId: header.organId,
    timestamp: edxmlTimestampToDate(header.timestamp)!.toISOString(),
  }));
}

/** Kept entries as the packet writes them again. */
export function traceHeadersOf(entries: readonly ReceivedTraceEntry[]): EdxmlTraceHeader[] {
  return entries.map((entry) => ({
    organId: entry.organId,
    timestamp: dateToEdxmlTimestamp(new Date(entry.timestamp)),
  }));
}

import { dateToEdxmlTimestamp } from '@docaxis/edxml/dates/edxml-dates';
import type { DispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import { newDispatchTraceHeaderList } from '@docaxis/edxml/packet/edxml-envelope.mapping';
import type { EdxmlTraceHeader, EdxmlTraceHeaderList } from '@docaxis/edxml/packet/edxml-packet';

/**
 * The OrganId docaxis writes for its own passage: Văn phòng Chính phủ, which operates the national
 * axis. [check] whether the axis has an identifier of its own in QCVN 102 / QĐ 20/2020.
 */
export const AXIS_TRACE_ORGAN_ID = '000.00.00.G22';

/**
 * The trace of a dispatch served as edXML: the sender's entry as the sample writes it (sender's
 * OrganId, when the axis accepted the dispatch; the packet's own trace is not kept), then one
 * entry for the axis handing it over now. BussinessDocType 0 (new), or 3 (replace) for a
 * dispatch that replaces an earlier one.
 */
export function axisTraceHeaderList(
  envelope: Pick<DispatchEnvelope, 'from' | 'to' | 'documentId' | 'replaces'>,
  acceptedAt: Date,
  servedAt: Date,
): EdxmlTraceHeaderList {
  const sent = newDispatchTraceHeaderList(envelope, acceptedAt);
  return { ...sent, traceHeaders: [...sent.traceHeaders, axisTraceHeader(servedAt)] };
}

/**
 * The trace of a status notice served as edXML, as a dispatch's: its author's entry when the axis
 * recorded the notice (the packet's own trace is not kept either), then the axis handing it over
 * now. No `Bussiness`: it describes a document's business (new, recall...), which a status has not.
 */
export function axisStatusTraceHeaderList(
  authorCode: string,
  recordedAt: Date,
  servedAt: Date,
): EdxmlTraceHeaderList {
  return {
    traceHeaders: [
      { organId: authorCode, timestamp: dateToEdxmlTimestamp(recordedAt) },
      axisTraceHeader(servedAt),
    ],
  };
}

function axisTraceHeader(servedAt: Date): EdxmlTraceHeader {
  return { organId: AXIS_TRACE_ORGAN_ID, timestamp: dateToEdxmlTimestamp(servedAt) };
}

import { dateToEdxmlTimestamp } from '@docaxis/edxml/dates/edxml-dates';
import type { DispatchEnvelope } from '@docaxis/edxml/envelope/dispatch-envelope';
import { newDispatchTraceHeaderList } from '@docaxis/edxml/packet/edxml-envelope.mapping';
import type {
  EdxmlStaffInfo,
  EdxmlTraceHeader,
  EdxmlTraceHeaderList,
} from '@docaxis/edxml/packet/edxml-packet';
import { type ReceivedTraceEntry, traceHeadersOf } from '@docaxis/edxml/packet/received-trace';

/**
 * The OrganId docaxis writes for its own passage: Văn phòng Chính phủ, which operates the national
 * axis. [check] whether the axis has an identifier of its own in QCVN 102 / QĐ 20/2020.
 */
export const AXIS_TRACE_ORGAN_ID = '000.00.00.G22';

/** What the axis kept of the packet a dispatch came in (all null for a JSON submission). */
export interface ReceivedDispatchTrace {
  readonly incomingTrace: readonly ReceivedTraceEntry[] | null;
  readonly senderStaff: EdxmlStaffInfo | null;
}

/**
 * The trace of a dispatch served as edXML: the TraceHeaders its packet arrived with (the sender's
 * own, then any axis that forwarded it), or, when it had none (JSON), the sender's entry at the
 * time the axis accepted it; then one entry for the axis handing it over now, as a real axis
 * appends its own. `Bussiness` with the sender's StaffInfo; BussinessDocType 0 (new), or 3
 * (replace) for a dispatch that replaces an earlier one.
 */
export function axisTraceHeaderList(
  envelope: Pick<DispatchEnvelope, 'from' | 'to' | 'documentId' | 'replaces'>,
  received: ReceivedDispatchTrace,
  acceptedAt: Date,
  servedAt: Date,
): EdxmlTraceHeaderList {
  const sent = newDispatchTraceHeaderList(envelope, acceptedAt, received.senderStaff ?? undefined);
  const before = received.incomingTrace
    ? traceHeadersOf(received.incomingTrace)
    : sent.traceHeaders;
  return { ...sent, traceHeaders: [...before, axisTraceHeader(servedAt)] };
}

/**
 * The trace of a status notice served as edXML, as a dispatch's: the TraceHeaders its packet
 * arrived with, or (JSON, or a packet without any) its author's entry when the axis recorded the
 * notice; then the axis handing it over now. No `Bussiness`: it describes a document's business
 * (new, recall...), which a status has not.
 */
export function axisStatusTraceHeaderList(
  notice: {
    readonly authorCode: string;
    readonly recordedAt: Date;
    readonly incomingTrace: readonly ReceivedTraceEntry[] | null;
  },
  servedAt: Date,
): EdxmlTraceHeaderList {
  const before = notice.incomingTrace
    ? traceHeadersOf(notice.incomingTrace)
    : [{ organId: notice.authorCode, timestamp: dateToEdxmlTimestamp(notice.recordedAt) }];
  return { traceHeaders: [...before, axisTraceHeader(servedAt)] };
}

function axisTraceHeader(servedAt: Date): EdxmlTraceHeader {
  return { organId: AXIS_TRACE_ORGAN_ID, timestamp: dateToEdxmlTimestamp(servedAt) };
}

import { DomainError } from '@docaxis/errors/domain-error';
import type { EdxmlTraceHeader } from './edxml-packet';
import { RECEIVED_TRACE_MAX_ENTRIES, receivedTraceOf, traceHeadersOf } from './received-trace';

const sender: EdxmlTraceHeader = { organId: '000.00.00.G22', timestamp: '2026/11/20 09:00:00' };
const provincialAxis: EdxmlTraceHeader = {
  organId: '000.00.00.H41',
  timestamp: '2026/11/20 09:00:07',
};

describe('receivedTraceOf', () => {
  it('keeps every TraceHeader in order, as instants, and writes them back as they came', () => {
    const kept = receivedTraceOf({ traceHeaders: [sender, provincialAxis] });
    expect(kept).toEqual([
      { organId: '000.00.00.G22', timestamp: '2026-11-20T02:00:00.000Z' },
      { organId: '000.00.00.H41', timestamp: '2026-11-20T02:00:07.000Z' },
    ]);
    expect(traceHeadersOf(kept!)).toEqual([sender, provincialAxis]);
  });

  it('has nothing to keep from a packet without a trace or without TraceHeaders', () => {
    expect(receivedTraceOf(undefined)).toBeUndefined();
    expect(receivedTraceOf({ traceHeaders: [] })).toBeUndefined();
  });

  it(`refuses more than ${RECEIVED_TRACE_MAX_ENTRIES} TraceHeaders → EDXML_TRACE_TOO_LONG`, () => {
    const at = (count: number) => ({ traceHeaders: Array.from({ length: count }, () => sender) });
    expect(receivedTraceOf(at(RECEIVED_TRACE_MAX_ENTRIES))).toHaveLength(
      RECEIVED_TRACE_MAX_ENTRIES,
    );
    let refusal: unknown;
    try {
      receivedTraceOf(at(RECEIVED_TRACE_MAX_ENTRIES + 1));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'EDXML_TRACE_TOO_LONG',
      details: { count: RECEIVED_TRACE_MAX_ENTRIES + 1, maxEntries: RECEIVED_TRACE_MAX_ENTRIES },
    });
  });
});

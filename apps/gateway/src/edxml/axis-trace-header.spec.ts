import {
  AXIS_TRACE_ORGAN_ID,
  axisStatusTraceHeaderList,
  axisTraceHeaderList,
} from './axis-trace-header';

describe('axisTraceHeaderList', () => {
  it("writes the sender's entry at acceptance, then the axis' entry at serving, in Vietnam time", () => {
    const trace = axisTraceHeaderList(
      {
        from: { organId: '000.00.14.H20', organName: 'Sở TT&TT Đồng Tháp' },
        to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' }],
        documentId: '000.00.14.H20,2026/11/20,05/UBND-VP',
      },
      new Date('2026-11-20T02:00:00Z'),
      new Date('2026-11-20T16:30:05Z'),
    );
    expect(trace.traceHeaders).toEqual([
      { organId: '000.00.14.H20', timestamp: '2026/11/20 09:00:00' },
      { organId: AXIS_TRACE_ORGAN_ID, timestamp: '2026/11/20 23:30:05' },
    ]);
    expect(trace.business).toMatchObject({
      documentId: '000.00.14.H20,2026/11/20,05/UBND-VP',
      businessDocType: 'new',
    });
  });
});

describe('axisStatusTraceHeaderList', () => {
  it("writes the author's entry when the axis recorded the notice, then the axis' at serving; no Bussiness", () => {
    expect(
      axisStatusTraceHeaderList(
        '000.00.00.H41',
        new Date('2026-11-20T02:05:00Z'),
        new Date('2026-11-20T03:00:00Z'),
      ),
    ).toEqual({
      traceHeaders: [
        { organId: '000.00.00.H41', timestamp: '2026/11/20 09:05:00' },
        { organId: AXIS_TRACE_ORGAN_ID, timestamp: '2026/11/20 10:00:00' },
      ],
    });
  });
});

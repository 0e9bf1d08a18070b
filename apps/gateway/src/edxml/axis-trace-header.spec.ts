import {
  AXIS_TRACE_ORGAN_ID,
  axisStatusTraceHeaderList,
  axisTraceHeaderList,
} from './axis-trace-header';

const envelope = {
  from: { organId: '000.00.14.H20', organName: 'Sở TT&TT Đồng Tháp' },
  to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nghệ An' }],
  documentId: '000.00.14.H20,2026/11/20,05/UBND-VP',
};
const nothingReceived = { incomingTrace: null, senderStaff: null };

describe('axisTraceHeaderList', () => {
  it("without a received trace (JSON): the sender's entry at acceptance, then the axis' at serving, in Vietnam time", () => {
    const trace = axisTraceHeaderList(
      envelope,
      nothingReceived,
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
    expect(trace.business?.staffInfo).toBeUndefined();
  });

  it("appends the axis' entry to the received trace (the sender's time, a provincial axis) and keeps the sender's StaffInfo", () => {
    const staff = { department: 'Phòng Văn thư - Lưu trữ', staff: 'Trần Thị B' };
    const trace = axisTraceHeaderList(
      envelope,
      {
        incomingTrace: [
          { organId: '000.00.14.H20', timestamp: '2026-11-20T01:00:00.000Z' },
          { organId: '000.00.00.H20', timestamp: '2026-11-20T01:00:07.000Z' },
        ],
        senderStaff: staff,
      },
      new Date('2026-11-20T02:00:00Z'),
      new Date('2026-11-20T16:30:05Z'),
    );
    expect(trace.traceHeaders).toEqual([
      { organId: '000.00.14.H20', timestamp: '2026/11/20 08:00:00' },
      { organId: '000.00.00.H20', timestamp: '2026/11/20 08:00:07' },
      { organId: AXIS_TRACE_ORGAN_ID, timestamp: '2026/11/20 23:30:05' },
    ]);
    expect(trace.business).toMatchObject({ businessDocType: 'new', staffInfo: staff });
  });
});

describe('axisStatusTraceHeaderList', () => {
  it("without a received trace: the author's entry when the axis recorded the notice, then the axis' at serving; no Bussiness", () => {
    expect(
      axisStatusTraceHeaderList(
        {
          authorCode: '000.00.00.H41',
          recordedAt: new Date('2026-11-20T02:05:00Z'),
          incomingTrace: null,
        },
        new Date('2026-11-20T03:00:00Z'),
      ),
    ).toEqual({
      traceHeaders: [
        { organId: '000.00.00.H41', timestamp: '2026/11/20 09:05:00' },
        { organId: AXIS_TRACE_ORGAN_ID, timestamp: '2026/11/20 10:00:00' },
      ],
    });
  });

  it("appends the axis' entry to the trace the status packet arrived with", () => {
    expect(
      axisStatusTraceHeaderList(
        {
          authorCode: '000.00.00.H41',
          recordedAt: new Date('2026-11-20T02:05:00Z'),
          incomingTrace: [{ organId: '000.00.00.H41', timestamp: '2026-11-20T02:01:00.000Z' }],
        },
        new Date('2026-11-20T03:00:00Z'),
      ).traceHeaders,
    ).toEqual([
      { organId: '000.00.00.H41', timestamp: '2026/11/20 09:01:00' },
      { organId: AXIS_TRACE_ORGAN_ID, timestamp: '2026/11/20 10:00:00' },
    ]);
  });
});

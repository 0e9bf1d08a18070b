import { inboxItemLine } from './inbox-item-line';

describe('docaxis inbox lines', () => {
  const dispatchId = '01a20be6-6183-775d-86ef-e407833d73e2';

  it('shows a dispatch with its state, sender, urgency and subject', () => {
    expect(
      inboxItemLine({
        kind: 'dispatch',
        dispatchId,
        senderCode: '000.00.00.G22',
        subject: 'V/v thử nghiệm',
        urgency: 'urgent',
        state: 'delivered',
      }),
    ).toBe(`${dispatchId}  delivered    from 000.00.00.G22  urgent   V/v thử nghiệm`);
  });

  it('shows a status notice with its code, name, author and reason (it used to stop the listing)', () => {
    const notice = { code: '02', name: 'Từ chối tiếp nhận', recipientCode: '000.00.00.H41' };
    expect(inboxItemLine({ kind: 'status', dispatchId, notice: { ...notice, reason: null } })).toBe(
      `${dispatchId}  status 02    from 000.00.00.H41  Từ chối tiếp nhận`,
    );
    expect(
      inboxItemLine({ kind: 'status', dispatchId, notice: { ...notice, reason: 'sai thể thức' } }),
    ).toBe(`${dispatchId}  status 02    from 000.00.00.H41  Từ chối tiếp nhận: sai thể thức`);
  });

  it('still gives a line for an item of a kind it does not know', () => {
    expect(inboxItemLine({ kind: 'recall', dispatchId })).toBe(
      `${dispatchId}  recall (not shown by this version of docaxis; use --json)`,
    );
  });
});

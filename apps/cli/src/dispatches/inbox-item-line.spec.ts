import type { PacketSignatureReportBrief } from '@docaxis/edxml/signature/packet-signature-verdict';
import { DISPATCH_MESSAGES } from './dispatch-messages';
import { inboxItemLine } from './inbox-item-line';

describe('docaxis inbox lines', () => {
  const dispatchId = '01a20be6-6183-775d-86ef-e407833d73e2';
  const dispatch = {
    kind: 'dispatch' as const,
    dispatchId,
    senderCode: '000.00.00.G22',
    subject: 'V/v thử nghiệm',
    urgency: 'urgent',
    state: 'delivered',
  };
  const notice = { code: '02', name: 'Từ chối tiếp nhận', authorCode: '000.00.00.H41' };

  it('shows a dispatch with its state, sender, urgency and subject, in words in Vietnamese', () => {
    expect(inboxItemLine(dispatch, DISPATCH_MESSAGES.vi)).toBe(
      `${dispatchId}  đã đến hộp thư  từ 000.00.00.G22  Khẩn        V/v thử nghiệm`,
    );
    expect(inboxItemLine(dispatch, DISPATCH_MESSAGES.en)).toBe(
      `${dispatchId}  delivered    from 000.00.00.G22  urgent   V/v thử nghiệm`,
    );
  });

  it('keeps the columns aligned whatever the state and urgency words', () => {
    const lines = [
      inboxItemLine(dispatch, DISPATCH_MESSAGES.vi),
      inboxItemLine(
        { ...dispatch, state: 'acknowledged', urgency: 'very-urgent' },
        DISPATCH_MESSAGES.vi,
      ),
      inboxItemLine(
        { kind: 'status', dispatchId, notice: { ...notice, reason: null } },
        DISPATCH_MESSAGES.vi,
      ),
    ];
    expect(new Set(lines.map((line) => line.indexOf(' từ ')))).toEqual(
      new Set([dispatchId.length + 17]),
    );
  });

  it('shows a status notice with its code, name, author and reason (it used to stop the listing)', () => {
    const withReason = {
      kind: 'status' as const,
      dispatchId,
      notice: { ...notice, reason: 'sai thể thức' },
    };
    expect(
      inboxItemLine(
        { kind: 'status', dispatchId, notice: { ...notice, reason: null } },
        DISPATCH_MESSAGES.en,
      ),
    ).toBe(`${dispatchId}  status 02    from 000.00.00.H41  Refused`);
    expect(inboxItemLine(withReason, DISPATCH_MESSAGES.en)).toBe(
      `${dispatchId}  status 02    from 000.00.00.H41  Refused: sai thể thức`,
    );
    expect(inboxItemLine(withReason, DISPATCH_MESSAGES.vi)).toBe(
      `${dispatchId}  trạng thái 02   từ 000.00.00.H41  Từ chối tiếp nhận: sai thể thức`,
    );
  });

  it("names the notice's author: the sender for a recall request, not the recipient it is for", () => {
    const recallRequest = {
      kind: 'status' as const,
      dispatchId,
      notice: {
        code: '13',
        name: 'Lấy lại',
        recipientCode: '000.00.00.H41',
        authorCode: '000.00.00.G22',
        reason: 'Gửi nhầm phụ lục',
      },
    };
    expect(inboxItemLine(recallRequest, DISPATCH_MESSAGES.vi)).toBe(
      `${dispatchId}  trạng thái 13   từ 000.00.00.G22  Lấy lại: Gửi nhầm phụ lục`,
    );
    expect(inboxItemLine(recallRequest, DISPATCH_MESSAGES.en)).toBe(
      `${dispatchId}  status 13    from 000.00.00.G22  Recall requested: Gửi nhầm phụ lục`,
    );
  });

  it("adds a status packet's signature in brief, in Vietnamese by default; nothing for a JSON notice", () => {
    const line = (envelopeSignature: PacketSignatureReportBrief | null, language: 'vi' | 'en') =>
      inboxItemLine(
        { kind: 'status', dispatchId, notice: { ...notice, reason: null, envelopeSignature } },
        DISPATCH_MESSAGES[language],
      );
    const head = `${dispatchId}  trạng thái 02   từ 000.00.00.H41  Từ chối tiếp nhận`;
    expect(line(null, 'vi')).toBe(head);
    expect(line({ status: 'unsigned' }, 'vi')).toBe(`${head}  [gói tin không ký số]`);
    expect(line({ status: 'signed', indication: 'TOTAL-PASSED', signedByAuthor: true }, 'vi')).toBe(
      `${head}  [chữ ký số gói tin hợp lệ]`,
    );
    expect(
      line(
        {
          status: 'signed',
          indication: 'TOTAL-PASSED',
          signer: { agencyCode: '000.00.14.H20' },
          signedByAuthor: false,
        },
        'vi',
      ),
    ).toBe(`${head}  [chữ ký số gói tin hợp lệ nhưng của 000.00.14.H20, không phải nơi gửi]`);
    const tampered = {
      status: 'signed',
      indication: 'TOTAL-FAILED',
      subIndication: 'HASH_FAILURE',
      signedByAuthor: true,
    };
    expect(line(tampered, 'vi')).toBe(`${head}  [chữ ký số gói tin không hợp lệ: HASH_FAILURE]`);
    expect(line(tampered, 'en')).toBe(
      `${dispatchId}  status 02    from 000.00.00.H41  Refused  [packet signature invalid: HASH_FAILURE]`,
    );
    expect(
      line(
        {
          status: 'signed',
          indication: 'INDETERMINATE',
          subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
        },
        'en',
      ),
    ).toContain('[packet signature indeterminate: NO_CERTIFICATE_CHAIN_FOUND]');
  });

  it('still gives a line for an item of a kind it does not know', () => {
    expect(inboxItemLine({ kind: 'recall', dispatchId }, DISPATCH_MESSAGES.en)).toBe(
      `${dispatchId}  recall (not shown by this version of docaxis; use --json)`,
    );
    expect(inboxItemLine({ kind: 'recall', dispatchId }, DISPATCH_MESSAGES.vi)).toBe(
      `${dispatchId}  recall (phiên bản docaxis này chưa hiển thị được; dùng --json)`,
    );
  });
});

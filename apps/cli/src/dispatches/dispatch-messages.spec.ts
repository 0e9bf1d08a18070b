import { DISPATCH_MESSAGES } from './dispatch-messages';

describe('docaxis send, fetch, ack, status, recall: wording', () => {
  const { vi, en } = DISPATCH_MESSAGES;
  const id = '01a20be6-6183-775d-86ef-e407833d73e2';

  it('words the send summary from the same arguments in both languages', () => {
    const to = ['000.00.00.H41', '000.00.14.H20'];
    expect(vi.accepted(false, id, 'accepted', to)).toBe(
      `Trục đã tiếp nhận văn bản ${id}, gửi 000.00.00.H41, 000.00.14.H20`,
    );
    expect(vi.accepted(true, id, 'routed', to)).toBe(
      `Trục đã tiếp nhận văn bản ${id} từ trước, gửi 000.00.00.H41, 000.00.14.H20; hiện: đã định tuyến`,
    );
    expect(en.accepted(false, id, 'accepted', to)).toBe(
      `Accepted dispatch ${id}, to 000.00.00.H41, 000.00.14.H20`,
    );
    expect(en.accepted(true, id, 'accepted', to)).toBe(
      `Already accepted dispatch ${id}, to 000.00.00.H41, 000.00.14.H20`,
    );
    expect(vi.followWith(id)).toBe(`Theo dõi văn bản: docaxis fetch ${id} --no-files`);
    expect(en.followWith(id)).toBe(`Follow it with: docaxis fetch ${id} --no-files`);
  });

  it('words a fetched dispatch, its recipients and saved files', () => {
    const rejection = { code: 'SIGNATURE_INVALID', message: 'Chữ ký không hợp lệ' };
    expect(vi.dispatchHeading(id, '000.00.00.G22', 'rejected', rejection)).toBe(
      `Văn bản ${id} của 000.00.00.G22: bị từ chối (SIGNATURE_INVALID: Chữ ký không hợp lệ)`,
    );
    expect(en.dispatchHeading(id, '000.00.00.G22', 'routed', null)).toBe(
      `Dispatch ${id} from 000.00.00.G22: routed`,
    );
    expect(vi.recipientLine('000.00.00.H41', 'acknowledged')).toBe(
      '  gửi 000.00.00.H41: đã xác nhận',
    );
    expect(en.recipientLine('000.00.00.H41', 'acknowledged')).toBe(
      '  to 000.00.00.H41: acknowledged',
    );
    const sha256 = 'ab'.repeat(32);
    expect(vi.savedFile('/tmp/cong-van.pdf', sha256)).toBe(
      `  đã lưu /tmp/cong-van.pdf (sha256 ${'ab'.repeat(8)}…, đã đối chiếu)`,
    );
    expect(en.savedFile('/tmp/cong-van.pdf', sha256)).toBe(
      `  saved /tmp/cong-van.pdf (sha256 ${'ab'.repeat(8)}…, verified)`,
    );
  });

  it('shows a state or urgency it does not know as the axis named it', () => {
    expect(vi.recipientState('parked')).toBe('parked');
    expect(vi.dispatchState('toString')).toBe('toString');
    expect(vi.urgency('express')).toBe('Hỏa tốc');
    expect(en.urgency('express')).toBe('express');
  });

  it('words ack, status and recall lines', () => {
    expect(vi.acknowledged(id, '000.00.00.H41', 'acknowledged', false)).toBe(
      `Đã xác nhận đã nhận: văn bản ${id}, cơ quan nhận 000.00.00.H41 (đã xác nhận)`,
    );
    expect(en.acknowledged(id, '000.00.00.H41', 'acknowledged', false)).toBe(
      `Acknowledged: dispatch ${id} for 000.00.00.H41 (acknowledged)`,
    );
    // A second ack changes nothing and says so, rather than claiming to acknowledge again.
    expect(vi.acknowledged(id, '000.00.00.H41', 'acknowledged', true)).toBe(
      `Đã xác nhận từ trước: văn bản ${id}, cơ quan nhận 000.00.00.H41 (đã xác nhận)`,
    );
    expect(en.acknowledged(id, '000.00.00.H41', 'acknowledged', true)).toBe(
      `Already acknowledged: dispatch ${id} for 000.00.00.H41 (acknowledged)`,
    );
    // The inbox's cursor is where to read on, not a promise of a next page.
    expect(vi.nextPage('aTox')).toBe('đọc tiếp những gì đến sau: docaxis inbox --cursor aTox');
    expect(en.nextPage('aTox')).toBe('what comes after these: docaxis inbox --cursor aTox');
    expect(vi.ackRefused(id, 'DISPATCH_NOT_FOUND', 'Không tìm thấy')).toBe(
      `văn bản ${id}: DISPATCH_NOT_FOUND: Không tìm thấy`,
    );
    expect(vi.statusRecorded(id, '06', 'Hoàn thành', '000.00.00.G22')).toBe(
      `Đã ghi nhận trạng thái 06 (Hoàn thành) của văn bản ${id}; đang chuyển tới 000.00.00.G22`,
    );
    // In the reader's time, as the verification reports give it, not raw ISO UTC.
    expect(vi.recalled(id, '2026-11-24T08:00:00Z')).toBe(
      `Đã thu hồi văn bản ${id} lúc 24/11/2026 15:00:00 (giờ Việt Nam)`,
    );
    expect(en.recalled(id, '2026-11-24T08:00:00Z')).toBe(
      `Recalled dispatch ${id} at 24/11/2026 08:00:00 (UTC)`,
    );
    expect(vi.withdrawnFrom([])).toBe('  rút khỏi hộp thư của: -');
    expect(en.recallRequestedFrom(['000.00.00.H41'])).toBe(
      '  recall requested from (they answer 15 or 16): 000.00.00.H41',
    );
  });

  it('words the refusals of unusable input', () => {
    expect(vi.recipientNameMissing('000.00.14.H20')).toBe(
      '--to 000.00.14.H20: hãy ghi cả tên cơ quan nhận, --to "000.00.14.H20=Tên cơ quan" (phong bì không có cơ quan này)',
    );
    expect(en.envelopeNotJson('e.json')).toBe('the envelope e.json is not valid JSON');
    expect(vi.cannotReadFile('cong-van.pdf', 'không có tệp này')).toBe(
      'không đọc được tệp cong-van.pdf: không có tệp này',
    );
    expect(en.cannotReadEnvelope('e.json', 'no such file')).toBe(
      'cannot read the envelope e.json: no such file',
    );
    expect(vi.downloadCorrupted('a.pdf')).toBe(
      'a.pdf nhận về bị sai lệch (SHA-256 khác với bản trục đã ghi); không lưu',
    );
  });
});

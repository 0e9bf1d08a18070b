import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEdxmlStatus } from './edxml-packet.builder';
import { parseEdxmlStatus } from './edxml-packet.parser';
import { edxmlStatusToNotice, noticeToEdxmlStatus } from './edxml-status.mapping';

const sample = () =>
  parseEdxmlStatus(readFileSync(join(__dirname, '../../test-fixtures/status-received.edxml')));

describe('edxmlStatusToNotice / noticeToEdxmlStatus', () => {
  it('reads the domain sample status-received.edxml as a notice, the timestamp in Vietnam time', () => {
    expect(edxmlStatusToNotice(sample())).toEqual({
      code: '01',
      reason: 'Văn thư: Đã đến - phần mềm quản lý văn bản đã nhận, văn thư chưa xử lý',
      staff: { department: 'Văn phòng UBND tỉnh', staff: 'Lê Văn C' },
      timestamp: new Date('2026-11-20T02:05:00Z'),
    });
  });

  it('writes the notice back as the same status packet', () => {
    const status = sample();
    const notice = edxmlStatusToNotice(status);
    const rebuilt = noticeToEdxmlStatus(
      status.from,
      {
        senderCode: '000.00.00.G22',
        documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
        codeNumber: '05',
        codeNotation: 'VPCP-KSTT',
        promulgationDate: '2026-11-20',
      },
      notice,
    );
    expect(parseEdxmlStatus(buildEdxmlStatus(rebuilt))).toEqual(status);
  });

  it('leaves out an empty description and empty staff', () => {
    const status = { ...sample(), description: '  ', staffInfo: { department: '' } };
    expect(edxmlStatusToNotice(status)).toMatchObject({ reason: null, staff: null });
  });
});

import { REPORT_MESSAGE_CODES } from '../report-message-code';
import { REPORT_MESSAGE_VI, reportMessageVi } from './report-message.vi';

describe('report findings in Vietnamese', () => {
  it.each(REPORT_MESSAGE_CODES)('words %s in Vietnamese, without English', (code) => {
    const text = reportMessageVi({ code, text: 'English text of the finding' });
    expect(text).toBe(REPORT_MESSAGE_VI[code]);
    expect(text).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    // Attribute names (signing-certificate, keyUsage) are kept as the standards spell them.
    expect(text).not.toMatch(/(?<![-\w])(the|is|was|not|signature|certificate|revoked)(?![-\w])/i);
  });

  it('words no code this version does not know', () => {
    expect(Object.keys(REPORT_MESSAGE_VI).sort()).toEqual([...REPORT_MESSAGE_CODES].sort());
  });

  it('prefers the explanation, and keeps the English text of a code it does not know', () => {
    const explanation = {
      kind: 'status-unknown',
      certificate: { role: 'ca', subject: 'CN=TEST CA', serialNumber: '02' },
      detail: 'no CRL available',
    } as const;
    expect(reportMessageVi({ code: 'REVOCATION_UNKNOWN', text: 'x', explanation })).toBe(
      'không xác định được tình trạng thu hồi của chứng thư CA "CN=TEST CA" (số sê-ri 02) (chi tiết kỹ thuật của nguồn thu hồi có trong báo cáo tiếng Anh)',
    );
    expect(reportMessageVi({ code: 'FUTURE_CODE', text: 'a later finding' })).toBe(
      'a later finding',
    );
  });
});

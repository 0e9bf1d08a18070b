import type { RevocationSummary } from '@docaxis/signature/report/document-verification-report';
import { revocationPhrase } from './report-phrases';
import { REPORT_WORDING_EN } from './report-wording.en';
import { REPORT_WORDING_VI } from './report-wording.vi';

describe('revocationPhrase', () => {
  const at = '2026-11-20T03:00:00.000Z';

  it('says a certificate on hold is on hold (suspended), not revoked, in both languages', () => {
    const held: RevocationSummary = {
      status: 'revoked',
      source: 'crl',
      revokedAt: at,
      reason: 'certificateHold',
    };
    expect(revocationPhrase(held, REPORT_WORDING_EN)).toBe(
      `ON HOLD: suspended by its CA, not revoked (CRL, on hold since ${at})`,
    );
    expect(revocationPhrase(held, REPORT_WORDING_VI)).toBe(
      `ĐANG BỊ TẠM DỪNG: CA tạm dừng chứng thư, chưa thu hồi (CRL, tạm dừng từ ${at})`,
    );
  });

  it('says revoked, when and why, for any other reason', () => {
    const revoked: RevocationSummary = {
      status: 'revoked',
      source: 'ocsp',
      revokedAt: at,
      reason: 'superseded',
      note: 'after the signing time',
    };
    expect(revocationPhrase(revoked, REPORT_WORDING_EN)).toBe(
      `REVOKED (OCSP, revoked at ${at}, superseded) - after the signing time`,
    );
    expect(revocationPhrase(revoked, REPORT_WORDING_VI)).toBe(
      `ĐÃ BỊ THU HỒI (OCSP, thu hồi lúc ${at}, superseded) - after the signing time`,
    );
  });

  it('words the note in Vietnamese from its explanation, English unchanged', () => {
    const revoked: RevocationSummary = {
      status: 'revoked',
      source: 'crl',
      revokedAt: at,
      reason: 'superseded',
      note: `signer certificate revoked at ${at}, after the signing time 2026-11-04T00:00:00.000Z`,
      explanation: {
        kind: 'revoked-after-signing',
        certificate: { role: 'signer', subject: 'CN=Văn phòng', serialNumber: '0A1B' },
        revokedAt: at,
        reason: 'superseded',
        signingTime: '2026-11-04T00:00:00.000Z',
      },
    };
    expect(revocationPhrase(revoked, REPORT_WORDING_EN)).toBe(
      `REVOKED (CRL, revoked at ${at}, superseded) - ${revoked.note}`,
    );
    expect(revocationPhrase(revoked, REPORT_WORDING_VI, REPORT_WORDING_VI.instant)).toBe(
      'ĐÃ BỊ THU HỒI (CRL, thu hồi lúc 20/11/2026 10:00:00 (giờ Việt Nam), superseded) - chứng thư của người ký (số sê-ri 0A1B) bị thu hồi lúc 20/11/2026 10:00:00 (giờ Việt Nam) (superseded), sau thời điểm ký 04/11/2026 07:00:00 (giờ Việt Nam); chữ ký vẫn hợp lệ',
    );
  });
});

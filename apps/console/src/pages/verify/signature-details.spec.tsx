import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SignatureReport } from '../../api/verification-report';
import { I18nProvider } from '../../i18n/i18n-context';
import type { LanguageStorage } from '../../i18n/language-preference';
import { SignatureDetails } from './signature-details';

const EXPLANATION = {
  kind: 'revoked-after-signing',
  certificate: { role: 'signer', subject: 'CN=Văn phòng', serialNumber: '0A1B' },
  revokedAt: '2026-11-14T00:00:00.000Z',
  reason: 'superseded',
  signingTime: '2026-11-04T00:00:00.000Z',
} as const;
const TEXT =
  'the signer certificate was revoked after the signature was made (2026-11-14T00:00:00.000Z (superseded)); the signature stays valid';

const SIGNATURE: SignatureReport = {
  index: 0,
  fieldName: 'Signature1',
  indication: 'TOTAL-PASSED',
  messages: [{ code: 'CERTIFICATE_REVOKED_AFTER_SIGNING', text: TEXT, explanation: EXPLANATION }],
  signer: {
    subject: 'CN=Văn phòng',
    commonName: 'Văn phòng',
    kind: 'organization',
    serialNumber: '0A1B',
    issuer: 'CN=TEST CA',
    fingerprintSha256: 'f'.repeat(64),
  },
  chain: [],
  signingTime: '2026-11-04T00:00:00.000Z',
  signingTimeSource: 'signed-attribute',
  digestAlgorithm: 'sha256',
  signatureAlgorithm: 'rsa',
  weakAlgorithm: false,
  revocation: { status: 'revoked', source: 'crl', revokedAt: '2026-11-14T00:00:00.000Z' },
  coverage: {
    byteRange: [0, 10, 20, 30],
    coversWholeFile: true,
    modificationsAfterSigning: 'none',
    details: [],
  },
};

/** Server-rendered, in the language the visitor chose (null: none, so Vietnamese). */
function render(signature: SignatureReport, language: string | null = null): string {
  const storage: LanguageStorage = { getItem: () => language, setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nProvider storage={() => storage}>
      <SignatureDetails signature={signature} />
    </I18nProvider>,
  );
}

describe('SignatureDetails: the findings', () => {
  it('words a revocation finding in Vietnamese from its explanation, Vietnam time', () => {
    const html = render(SIGNATURE);
    expect(html).toContain(
      'chứng thư của người ký (số sê-ri 0A1B) bị thu hồi lúc 14/11/2026 07:00:00 (superseded), sau thời điểm ký 04/11/2026 07:00:00; chữ ký vẫn hợp lệ',
    );
    expect(html).not.toContain('stays valid');
  });

  it('words any other finding in Vietnamese from its code, English unchanged', () => {
    expect(render(SIGNATURE, 'en')).toContain(TEXT);
    const weak = { ...SIGNATURE, messages: [{ code: 'WEAK_ALGORITHM', text: 'SHA-1 used' }] };
    expect(render(weak)).toContain(
      'Chữ ký hoặc chuỗi chứng thư dùng thuật toán yếu, không còn an toàn.',
    );
    expect(render(weak)).not.toContain('SHA-1 used');
    expect(render(weak, 'en')).toContain('SHA-1 used');
  });
});

describe('SignatureDetails: what the signature covers', () => {
  // The leader's signature of a dispatch signed by the leader and the agency, then annotated, as
  // the verifier reports it.
  const covered: SignatureReport = {
    ...SIGNATURE,
    coverage: {
      byteRange: [0, 2729, 19115, 671],
      coversWholeFile: false,
      modificationsAfterSigning: 'allowed',
      details: [
        'signs revision 2 of 4 (bytes 0–19786 of 38396)',
        'signature field "Signature2" added',
        'page 1: signature widget added',
        'page 1: /Text annotation added',
        '3 object(s) added',
      ],
      explanations: [
        {
          code: 'SIGNS_REVISION',
          params: { revision: 2, revisions: 4, signedLength: 19786, fileLength: 38396 },
        },
        { code: 'SIGNATURE_FIELD_ADDED', params: { name: 'Signature2' } },
        { code: 'SIGNATURE_WIDGET_ADDED', params: { page: 1 } },
        { code: 'ANNOTATION_ADDED', params: { page: 1, subtype: 'Text' } },
        { code: 'OBJECTS_ADDED', params: { count: 3 } },
      ],
    },
  };

  it('words each line in Vietnamese from its data, English unchanged', () => {
    const html = render(covered);
    expect(html).toContain(
      '<li>Ký bản sửa đổi thứ 2/4 của tệp (byte 0–19786 trong tổng số 38396 byte)</li>',
    );
    expect(html).toContain('<li>Trường chữ ký &quot;Signature2&quot; được thêm</li>');
    expect(html).toContain('<li>Trang 1: ô hiển thị chữ ký được thêm</li>');
    expect(html).toContain('<li>Trang 1: chú thích /Text được thêm</li>');
    expect(html).toContain('<li>3 đối tượng được thêm</li>');
    expect(html).not.toMatch(/signs revision|object\(s\) added|signature field/);
    const en = render(covered, 'en');
    for (const detail of covered.coverage.details) {
      expect(en).toContain(`<li>${detail.replaceAll('"', '&quot;')}</li>`);
    }
  });
});

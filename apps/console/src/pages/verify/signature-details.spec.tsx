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

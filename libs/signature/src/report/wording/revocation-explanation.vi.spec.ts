import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RevocationExplanation } from '@docaxis/signature/report/revocation-explanation';
import { REVOCATION_EXPLANATION_VI, revocationExplanationVi } from './revocation-explanation.vi';

type Kind = RevocationExplanation['kind'];

const SIGNER = { role: 'signer', subject: 'CN=Văn phòng', serialNumber: '0A1B' } as const;
const CA = { role: 'ca', subject: 'CN=TEST CA', serialNumber: '02' } as const;
const SOURCE = 'delta CRL for issuer "CN=TEST CA" unavailable';

/** One explanation of every kind, each with the source's English detail where it can carry one. */
const SAMPLES: { [K in Kind]: Extract<RevocationExplanation, { kind: K }> } = {
  'signer-is-trust-anchor': { kind: 'signer-is-trust-anchor' },
  'status-unknown': { kind: 'status-unknown', certificate: CA, detail: 'no CRL available' },
  'good-with-remark': { kind: 'good-with-remark', certificate: SIGNER, detail: SOURCE },
  'on-hold': {
    kind: 'on-hold',
    certificate: SIGNER,
    since: '2026-11-20T03:00:00.000Z',
    detail: SOURCE,
  },
  'revoked-compromise': {
    kind: 'revoked-compromise',
    certificate: SIGNER,
    revokedAt: '2026-11-14T00:00:00.000Z',
    reason: 'keyCompromise',
    claimedSigningTime: '2026-11-04T00:00:00.000Z',
    detail: SOURCE,
  },
  'revoked-before-signing': {
    kind: 'revoked-before-signing',
    certificate: CA,
    revokedAt: '2026-11-14T00:00:00.000Z',
    reason: null,
    invalidFrom: '2026-11-10T00:00:00.000Z',
    detail: SOURCE,
  },
  'revoked-after-signing': {
    kind: 'revoked-after-signing',
    certificate: SIGNER,
    revokedAt: '2026-11-14T00:00:00.000Z',
    reason: 'superseded',
    signingTime: '2026-11-04T00:00:00.000Z',
    detail: SOURCE,
  },
};

describe('revocation notes and findings in Vietnamese', () => {
  it('words every kind the verifier records (read from the type, since Jest does not type-check)', () => {
    const source = readFileSync(join(__dirname, '../revocation-explanation.ts'), 'utf8');
    const declared = [...source.matchAll(/kind: '([a-z-]+)'/g)].map((match) => match[1]).sort();
    expect(declared.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(REVOCATION_EXPLANATION_VI).sort()).toEqual(declared);
    expect(Object.keys(SAMPLES).sort()).toEqual(declared);
  });

  it.each(Object.values(SAMPLES))('words $kind with its facts and no English', (explanation) => {
    const text = revocationExplanationVi(explanation);
    for (const [name, value] of Object.entries(explanation)) {
      if (name === 'kind' || name === 'detail' || value === null) continue;
      if (typeof value === 'string') expect(text).toContain(value);
    }
    if ('certificate' in explanation) expect(text).toContain(explanation.certificate.serialNumber);
    expect(text).not.toMatch(
      /\b(revoked|unknown|after|before|hold since|signing time|CRL available)\b/,
    );
    if ('detail' in explanation) expect(text).not.toContain(explanation.detail);
  });

  it('shows instants as the report does', () => {
    expect(
      revocationExplanationVi(SAMPLES['revoked-after-signing'], (iso) => `<${iso.slice(0, 10)}>`),
    ).toBe(
      'chứng thư của người ký (số sê-ri 0A1B) bị thu hồi lúc <2026-11-14> (superseded), sau thời điểm ký <2026-11-04>; chữ ký vẫn hợp lệ (chi tiết kỹ thuật của nguồn thu hồi có trong báo cáo tiếng Anh)',
    );
  });
});

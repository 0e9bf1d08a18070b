import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ChainVerification, CheckpointTimestamp } from '../../api/audit';
import { I18nProvider } from '../../i18n/i18n-context';
import type { LanguageStorage } from '../../i18n/language-preference';
import { CheckpointTimestampStatus } from './checkpoint-timestamp-status';

const HASH = 'c'.repeat(64);
const SCOPE = {
  from: 'checkpoint' as const,
  startCheckpoint: null,
  firstSeq: 30,
  lastSeq: 40,
  notReverified: { fromSeq: 1, toSeq: 29 },
  summary: 'From the signed checkpoint of seq 30',
};

function verified(timestamp: CheckpointTimestamp | null): ChainVerification {
  return {
    ok: true,
    recordsChecked: 11,
    checkpointsChecked: 1,
    checkpoint: {
      headSeq: 30,
      headHash: HASH,
      createdAt: '2026-11-24T03:00:00.000Z',
      signerSubject: 'CN=AXIS TEST',
      timestamped: timestamp !== null,
      timestamp,
    },
    scope: SCOPE,
  };
}

const stamp = (
  tsaChain: CheckpointTimestamp['tsaChain'],
  tsaRevocation: CheckpointTimestamp['tsaRevocation'],
): CheckpointTimestamp => ({
  genTime: '2026-11-24T03:00:01.000Z',
  authority: 'CN=TEST TSA',
  tsaChain,
  tsaRevocation,
});

/** Server-rendered, in the language the visitor chose (null: none, so Vietnamese). */
function render(result: ChainVerification, language: string | null = null): string {
  const storage: LanguageStorage = { getItem: () => language, setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nProvider storage={() => storage}>
      <CheckpointTimestampStatus result={result} />
    </I18nProvider>,
  );
}

describe('CheckpointTimestampStatus (audit verification view)', () => {
  it('says in Vietnamese by default that the TSA chain was NOT checked', () => {
    const html = render(
      verified(
        stamp('not-checked', {
          status: 'not-checked',
          note: 'no AUDIT_TSA_TRUST_FILE',
          findings: [{ kind: 'no-trust-file' }],
        }),
      ),
    );
    expect(html).toContain('data-tsa-chain="not-checked"');
    expect(html).toContain('verdict-indeterminate');
    expect(html).toContain(
      'Chuỗi chứng thư TSA: CHƯA kiểm tra (máy chủ không cấu hình AUDIT_TSA_TRUST_FILE)',
    );
    expect(html).toContain('Đóng dấu lúc 24/11/2026 10:00:01 bởi CN=TEST TSA');
    // Revocation means nothing for a TSA nobody judged: not shown as checked.
    expect(html).not.toContain('tsa-revocation');
  });

  it('shows a trusted chain and a checked revocation, in English on request', () => {
    const html = render(verified(stamp('trusted', { status: 'good', note: null })), 'en');
    expect(html).toContain('data-tsa-chain="trusted"');
    expect(html).toContain('verdict-passed');
    expect(html).toContain('TSA chain: trusted');
    expect(html).toContain('data-tsa-revocation="good"');
    expect(html).toContain('TSA revocation: checked (CRL), not revoked');
  });

  it('says a trusted chain’s revocation was NOT checked, with the server’s reason in each language', () => {
    const note =
      'TSA revocation NOT checked: TSA certificate "CN=TEST TSA": no CRL available for issuer "CN=TEST CA"; CA certificate "CN=TEST CA": on hold (certificateHold) since 2026-11-23T00:00:00.000Z, undecided until its CA releases it (removeFromCRL) or revokes it';
    const result = verified(
      stamp('trusted', {
        status: 'not-checked',
        note,
        findings: [
          {
            kind: 'no-answer',
            certificate: { role: 'tsa', subject: 'CN=TEST TSA' },
            detail: 'no CRL available for issuer "CN=TEST CA"',
          },
          {
            kind: 'on-hold',
            certificate: { role: 'ca', subject: 'CN=TEST CA' },
            since: '2026-11-23T00:00:00.000Z',
          },
        ],
      }),
    );
    const html = render(result);
    expect(html).toContain('Chuỗi chứng thư TSA: tin cậy');
    expect(html).toContain('data-tsa-revocation="not-checked"');
    expect(html).toContain('Thu hồi chứng thư TSA: CHƯA kiểm tra');
    expect(html).toContain(
      '<span class="muted">chứng thư TSA &quot;CN=TEST TSA&quot;: không nguồn thu hồi nào trả lời được; chứng thư CA &quot;CN=TEST CA&quot;: bị tạm đình chỉ (certificateHold) từ 23/11/2026 07:00:00, chưa thể kết luận</span>',
    );
    expect(html).not.toMatch(/no CRL available|on hold/);
    expect(render(result, 'en')).toContain(
      `<span class="muted">${note.replaceAll('"', '&quot;')}</span>`,
    );
  });

  it('says a TSA revoked after the timestamp leaves it valid, in both languages', () => {
    const note =
      'TSA certificate "CN=TEST TSA" was revoked at 2026-11-25T00:00:00.000Z, after genTime';
    const result = verified(
      stamp('trusted', {
        status: 'revoked-after-gen-time',
        note,
        findings: [
          {
            kind: 'revoked-after',
            certificate: { role: 'tsa', subject: 'CN=TEST TSA' },
            serialNumber: '0a',
            revokedAt: '2026-11-25T00:00:00.000Z',
            reason: null,
            genTime: '2026-11-24T03:00:01.000Z',
          },
        ],
      }),
    );
    const vi = render(result);
    expect(vi).toContain('data-tsa-revocation="revoked-after-gen-time"');
    expect(vi).toContain(
      'Chứng thư TSA bị thu hồi SAU thời điểm đóng dấu; dấu thời gian vẫn hợp lệ',
    );
    expect(vi).toContain(
      'bị thu hồi lúc 25/11/2026 07:00:00 (không nêu lý do), sau thời điểm đóng dấu</span>',
    );
    expect(vi).not.toContain('after genTime');
    const en = render(result, 'en');
    expect(en).toContain('TSA certificate revoked AFTER the timestamp; the timestamp stays valid');
    expect(en).toContain('after genTime</span>');
  });

  it('shows an untrusted TSA when the verification failed on it', () => {
    const result: ChainVerification = {
      ok: false,
      seq: 20,
      problem: 'UNTRUSTED_CHECKPOINT_TIMESTAMP',
      message: 'The timestamp of the checkpoint of seq 20 matches it, but its TSA is not trusted',
      explanation: {
        kind: 'checkpoint-timestamp-untrusted',
        seq: 20,
        detail:
          'TSA certificate "CN=TEST TSA" was revoked at 2026-11-14T00:00:00.000Z (keyCompromise)',
      },
      actual:
        'TSA certificate "CN=TEST TSA" was revoked at 2026-11-14T00:00:00.000Z (keyCompromise)',
      recordsChecked: 0,
      checkpointsChecked: 0,
      checkpoint: null,
      scope: SCOPE,
    };
    const html = render(result, 'en');
    expect(html).toContain('data-tsa-chain="untrusted"');
    expect(html).toContain('verdict-failed');
    expect(html).toContain('TSA chain: UNTRUSTED (checkpoint of record 20)');
    expect(html).toContain('was revoked at 2026-11-14T00:00:00.000Z (keyCompromise)');
    expect(render(result)).toContain(
      'Chuỗi chứng thư TSA: KHÔNG tin cậy (điểm kiểm soát của bản ghi số 20)',
    );
  });

  it('says when the checkpoint has no timestamp, and nothing without a checkpoint', () => {
    expect(render(verified(null))).toContain('Điểm kiểm soát không có dấu thời gian RFC 3161');
    expect(render({ ...verified(null), checkpoint: null })).toBe('');
  });
});

import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
import type { TsaRevocation } from '../checkpoints/tsa-revocation-status';
import type { AuditTrailVerification } from '../verification/audit-trail-verifier';
import { verificationScope, type CheckpointTimestamp } from '../verification/verification-scope';
import { buildAuditPdfReport } from './audit-pdf-report';

const HASH = 'c'.repeat(64);

async function* noEvents(): AsyncIterable<AuditRecordEntity> {}

type Stamp = 'trusted' | 'not-checked' | CheckpointTimestamp['tsaRevocation'] | null;

/** A timestamp judged as `stamp` says: chain not checked, or trusted with this revocation. */
function timestampOf(stamp: Stamp): CheckpointTimestamp | null {
  if (stamp === null) return null;
  const base = { genTime: '2026-11-24T03:00:01.000Z', authority: 'CN=TEST TSA' };
  if (stamp === 'not-checked') {
    return {
      ...base,
      tsaChain: 'not-checked',
      tsaRevocation: {
        status: 'not-checked',
        note: 'no AUDIT_TSA_TRUST_FILE',
        findings: [{ kind: 'no-trust-file' }],
      },
    };
  }
  return {
    ...base,
    tsaChain: 'trusted',
    tsaRevocation: stamp === 'trusted' ? { status: 'good', note: null } : stamp,
  };
}

function verification(tsaChain: Stamp): AuditTrailVerification {
  return {
    ok: true,
    recordsChecked: 40,
    fromSeq: 1,
    head: { seq: 40, hash: HASH },
    checkpointsChecked: 1,
    checkpoint: {
      headSeq: 40,
      headHash: HASH,
      createdAt: '2026-11-24T03:00:00.000Z',
      signerSubject: 'CN=AXIS TEST',
      timestamped: tsaChain !== null,
      timestamp: timestampOf(tsaChain),
    },
    scope: verificationScope({ from: 'genesis', firstSeq: 1, recordsChecked: 40, ok: true }),
  };
}

async function reportText(tsaChain: Stamp, language: 'vi' | 'en' = 'en'): Promise<string> {
  const pdf = await buildAuditPdfReport({
    language,
    generatedAt: new Date('2026-11-24T03:10:00.000Z'),
    filters: [],
    verification: verification(tsaChain),
    head: { seq: 40, hash: HASH },
    events: noEvents(),
    totalEvents: 0,
  });
  return extractPdfText(pdf).replace(/\s+/g, ' ');
}

describe('audit PDF report: the checkpoint timestamp line', () => {
  it('states whether the TSA certificate chain was verified or not checked', async () => {
    expect(await reportText('trusted')).toContain(
      'yes — 2026-11-24T03:00:01.000Z, CN=TEST TSA; TSA certificate chain verified; revocation checked (CRL): not revoked',
    );
    expect(await reportText('not-checked')).toContain(
      'TSA certificate chain NOT checked (no AUDIT_TSA_TRUST_FILE)',
    );
    expect(await reportText(null)).not.toContain('TSA certificate chain');
  });

  const NO_CRL_DIR: TsaRevocation = {
    status: 'not-checked',
    note: 'no AUDIT_TSA_CRL_DIR: TSA revocation NOT checked',
    findings: [{ kind: 'no-crl-dir' }],
  };
  const TSA = { role: 'tsa', subject: 'CN=TEST TSA' } as const;
  const CA = { role: 'ca', subject: 'CN=TEST CA' } as const;
  const REVOKED_LATER: TsaRevocation = {
    status: 'revoked-after-gen-time',
    note: 'TSA certificate "CN=TEST TSA" (serial 0a) was revoked at 2026-11-25T00:00:00.000Z (superseded), after genTime 2026-11-24T03:00:01.000Z; CA certificate "CN=TEST CA": no CRL available for issuer "CN=TEST ROOT"',
    findings: [
      {
        kind: 'revoked-after',
        certificate: TSA,
        serialNumber: '0a',
        revokedAt: '2026-11-25T00:00:00.000Z',
        reason: 'superseded',
        genTime: '2026-11-24T03:00:01.000Z',
      },
      { kind: 'no-answer', certificate: CA, detail: 'no CRL available for issuer "CN=TEST ROOT"' },
    ],
  };
  const UNDECIDED: TsaRevocation = {
    status: 'not-checked',
    note: 'TSA revocation NOT checked: TSA certificate "CN=TEST TSA": on hold (certificateHold) since 2026-11-23T00:00:00.000Z, undecided until its CA releases it (removeFromCRL) or revokes it; CA certificate "CN=TEST CA": expired 2026-11-01T00:00:00.000Z, so a current CRL not listing it proves nothing',
    findings: [
      { kind: 'on-hold', certificate: TSA, since: '2026-11-23T00:00:00.000Z' },
      { kind: 'expired', certificate: CA, notAfter: '2026-11-01T00:00:00.000Z' },
    ],
  };

  it('states that the TSA revocation was NOT checked, and why, or that it came after genTime', async () => {
    expect(await reportText(NO_CRL_DIR)).toContain(
      'TSA certificate chain verified; TSA revocation NOT checked (no AUDIT_TSA_CRL_DIR: TSA revocation NOT checked)',
    );
    expect(await reportText(REVOKED_LATER)).toContain(
      `TSA certificate revoked AFTER the timestamp, which stays valid (${REVOKED_LATER.note})`,
    );
    expect(await reportText(UNDECIDED)).toContain(`TSA revocation NOT checked (${UNDECIDED.note})`);
  });

  it('words the same in Vietnamese, without the English notes mixed in', async () => {
    expect(await reportText(NO_CRL_DIR, 'vi')).toContain(
      'chuỗi chứng thư của TSA đã được xác minh; tình trạng thu hồi của TSA CHƯA được kiểm tra (không có AUDIT_TSA_CRL_DIR)',
    );
    const later = await reportText(REVOKED_LATER, 'vi');
    expect(later).toContain(
      'chứng thư TSA bị thu hồi SAU thời điểm đóng dấu, dấu thời gian vẫn hợp lệ (chứng thư TSA "CN=TEST TSA" (số sê-ri 0a) bị thu hồi lúc 2026-11-25T00:00:00.000Z (superseded), sau thời điểm đóng dấu 2026-11-24T03:00:01.000Z; chứng thư CA "CN=TEST CA": không nguồn thu hồi nào trả lời được (chi tiết kỹ thuật có trong báo cáo tiếng Anh))',
    );
    const undecided = await reportText(UNDECIDED, 'vi');
    expect(undecided).toContain(
      'chứng thư TSA "CN=TEST TSA": bị tạm đình chỉ (certificateHold) từ 2026-11-23T00:00:00.000Z',
    );
    expect(undecided).toContain(
      'chứng thư CA "CN=TEST CA": đã hết hạn từ 2026-11-01T00:00:00.000Z',
    );
    for (const text of [later, undecided]) {
      expect(text).not.toMatch(/revoked at|no CRL available|on hold|expired|NOT checked/);
    }
  });
});

describe('audit PDF report: what its verification re-verified', () => {
  it('states the starting checkpoint and the records left to its signature', async () => {
    const start = {
      headSeq: 30,
      headHash: HASH,
      createdAt: '2026-11-24T03:00:00.000Z',
      signerSubject: 'CN=AXIS TEST',
      timestamp: null,
    };
    const scope = verificationScope({
      from: 'checkpoint',
      firstSeq: 30,
      recordsChecked: 11,
      ok: true,
      startCheckpoint: start,
    });
    const pdf = (language: 'vi' | 'en') =>
      buildAuditPdfReport({
        language,
        generatedAt: new Date('2026-11-24T03:10:00.000Z'),
        filters: [],
        verification: { ...verification(null), scope },
        head: { seq: 40, hash: HASH },
        events: noEvents(),
        totalEvents: 0,
      });
    const en = extractPdfText(await pdf('en')).replace(/\s+/g, ' ');
    expect(en).toContain(
      'From the signed checkpoint of seq 30 (2026-11-24T03:00:00.000Z): records 30..40 re-hashed and linked.',
    );
    expect(en).toContain('Records 1..29 were NOT re-verified by this export');
    const vi = extractPdfText(await pdf('vi')).replace(/\s+/g, ' ');
    expect(vi).toContain('Các bản ghi 1..29 KHÔNG được kiểm tra lại trong lần này');
    expect(await reportText('trusted')).toContain('The whole chain, from genesis: records 1..40');
  });
});

describe('audit PDF report: the first problem', () => {
  const broken: AuditTrailVerification = {
    ok: false,
    seq: 5,
    problem: 'DELETED',
    expected: 'seq 5',
    actual: 'seq 8',
    message: 'Records 5..7 are missing: the record after seq 4 is seq 8.',
    explanation: { kind: 'records-missing', fromSeq: 5, toSeq: 7, previousSeq: 4, seq: 8 },
    recordsChecked: 4,
    checkpointsChecked: 0,
    checkpoint: null,
    scope: verificationScope({ from: 'genesis', firstSeq: 1, recordsChecked: 4, ok: false }),
  };
  const text = async (language: 'vi' | 'en') =>
    extractPdfText(
      await buildAuditPdfReport({
        language,
        generatedAt: new Date('2026-11-24T03:10:00.000Z'),
        filters: [],
        verification: broken,
        head: { seq: 40, hash: HASH },
        events: noEvents(),
        totalEvents: 0,
      }),
    ).replace(/\s+/g, ' ');

  it('words it in Vietnamese from its explanation, and quotes the English message in English', async () => {
    const vi = await text('vi');
    expect(vi).toContain(
      'KHÔNG hợp lệ từ bản ghi số 5 (DELETED): Thiếu các bản ghi 5..7: bản ghi ngay sau số 4 là số 8.',
    );
    expect(vi).not.toContain('missing');
    expect(await text('en')).toContain(
      'NOT valid from record 5 (DELETED): Records 5..7 are missing: the record after seq 4 is seq 8.',
    );
  });
});

describe('audit PDF report: the events, worded for auditors', () => {
  const FINGERPRINT = 'ab'.repeat(32);
  let seq = 0;
  const record = (
    eventType: string,
    body: Record<string, unknown>,
    fields: Partial<AuditRecordEntity> = {},
  ): AuditRecordEntity => ({
    seq: ++seq,
    eventId: `event-${seq}`,
    eventType,
    occurredAt: new Date('2026-11-24T03:00:00.000Z'),
    recordedAt: new Date('2026-11-24T03:00:00.000Z'),
    dispatchId: null,
    senderCode: null,
    recipientCode: null,
    actor: 'CN=TEST ADMIN',
    payload: { body, meta: {} },
    payloadDigest: HASH,
    prevHash: HASH,
    hash: HASH,
    ...fields,
  });
  const EVENTS = [
    record(
      'dispatch.delivered',
      { recipientCode: '000.00.00.H41' },
      { senderCode: '000.00.00.G22', recipientCode: '000.00.00.H41' },
    ),
    record(
      'webhook.changed',
      {
        action: 'webhook.deactivated',
        agencyCode: '000.00.00.H14',
        url: 'https://vanban.caobang.gov.vn/hook',
        deactivationCode: 'FAILING_PERSISTENTLY',
        reason: 'every delivery failed for 24 hours',
        reasonVi: 'mọi lần gửi đều thất bại trong 24 giờ',
      },
      { actor: 'notifier' },
    ),
    record('directory.changed', {
      action: 'certificate.registered',
      agencyCode: '000.00.00.G22',
      fingerprint: FINGERPRINT,
    }),
  ];
  const text = async (language: 'vi' | 'en') => {
    async function* events(): AsyncIterable<AuditRecordEntity> {
      yield* await Promise.resolve(EVENTS);
    }
    const pdf = await buildAuditPdfReport({
      language,
      generatedAt: new Date('2026-11-24T03:10:00.000Z'),
      filters: [],
      verification: verification(null),
      head: { seq: 40, hash: HASH },
      events: events(),
      totalEvents: EVENTS.length,
    });
    return extractPdfText(pdf).replace(/\s+/g, ' ');
  };

  /** Cells wrap, and the lines of neighbouring cells interleave: compared without spaces or dashes. */
  const compact = (words: string) => words.replace(/[\s—]/g, '');

  it('names each event type in Vietnamese, and says what a directory or webhook change did', async () => {
    const vi = await text('vi');
    for (const words of [
      'Đã chuyển đến hộp thư',
      'Thay đổi webhook của cơ quan',
      'Thay đổi danh bạ cơ quan',
      '000.00.00.G22 → 000.00.00.H41',
      'ngừng webhook của 000.00.00.H14 (gửi thất bại kéo dài); do trục tự ngừng (notifier); https://vanban.caobang.gov.vn/hook; mọi lần gửi đều thất bại trong 24 giờ',
      `đăng ký chứng thư số của 000.00.00.G22; chứng thư SHA-256 ${FINGERPRINT}`,
    ]) {
      expect(compact(vi)).toContain(compact(words));
    }
    expect(vi).not.toMatch(/webhook\.changed|directory\.changed|dispatch\.delivered/);
    expect(vi).not.toContain('— → —');
  });

  it('words the same in English', async () => {
    const en = compact(await text('en'));
    for (const words of [
      'Agency webhook changed',
      'webhook of 000.00.00.H14 deactivated (failing persistently); stopped by the axis (notifier)',
      'every delivery failed for 24 hours',
      'registered a certificate of 000.00.00.G22',
    ]) {
      expect(en).toContain(compact(words));
    }
    expect(en).not.toContain(compact('mọi lần gửi'));
  });
});

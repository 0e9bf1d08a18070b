import { extractPdfText } from '@docaxis/pdf-report/testing/pdf-text';
import type { AuditRecordEntity } from '@docaxis/persistence/audit/audit-record.entity';
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
      tsaRevocation: { status: 'not-checked', note: 'no AUDIT_TSA_TRUST_FILE' },
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

async function reportText(tsaChain: Stamp): Promise<string> {
  const pdf = await buildAuditPdfReport({
    language: 'en',
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

  it('states that the TSA revocation was NOT checked, and why, or that it came after genTime', async () => {
    const unchecked = await reportText({
      status: 'not-checked',
      note: 'no AUDIT_TSA_CRL_DIR: TSA revocation NOT checked',
    });
    expect(unchecked).toContain(
      'TSA certificate chain verified; TSA revocation NOT checked (no AUDIT_TSA_CRL_DIR',
    );
    const later = await reportText({
      status: 'revoked-after-gen-time',
      note: 'TSA certificate "CN=TEST TSA" was revoked at 2026-11-25T00:00:00.000Z',
    });
    expect(later).toContain('TSA certificate revoked AFTER the timestamp, which stays valid');
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

import { describe, expect, it } from '@jest/globals';
import type { ChainVerification } from '../api/audit';
import { AUDIT_PROBLEM_VI } from './audit-problem-vi';
import { en } from './messages.en';
import { vi } from './messages.vi';

function failure(explanation: Extract<ChainVerification, { ok: false }>['explanation']) {
  return {
    ok: false as const,
    seq: 5,
    problem: 'DELETED',
    message: 'Records 5..7 are missing: the record after seq 4 is seq 8.',
    explanation,
    actual: 'seq 8',
    recordsChecked: 4,
    checkpointsChecked: 0,
    checkpoint: null,
    scope: {
      from: 'genesis' as const,
      startCheckpoint: null,
      firstSeq: 1,
      lastSeq: 4,
      notReverified: null,
      summary: 'The whole chain',
    },
  };
}

describe('audit chain problems in the console', () => {
  it('words in Vietnamese every kind of problem the console knows, none blank', () => {
    // The kinds the server declares are compared with the console's wordings by the server's
    // spec (libs/audit-trail/src/export/audit-problem-vi.spec.ts), which reads the declared type.
    const kinds = Object.keys(AUDIT_PROBLEM_VI);
    expect(kinds.length).toBeGreaterThanOrEqual(21);
    for (const word of Object.values(AUDIT_PROBLEM_VI)) expect(typeof word).toBe('function');
  });

  it('says the problem in the page’s language: Vietnamese from the explanation, else the server’s English', () => {
    const missing = failure({
      kind: 'records-missing',
      fromSeq: 5,
      toSeq: 7,
      previousSeq: 4,
      seq: 8,
    });
    expect(vi.audit.integrity.problemWhy(missing)).toBe(
      'Thiếu các bản ghi số 5–7: bản ghi ngay sau số 4 là số 8',
    );
    expect(en.audit.integrity.problemWhy(missing)).toBe(missing.message);
    const rewritten = failure({
      kind: 'checkpoint-record-rewritten',
      seq: 40,
      createdAt: '2026-11-24T03:00:00.000Z',
    });
    expect(vi.audit.integrity.problemWhy(rewritten)).toBe(
      'Bản ghi số 40 không còn mang mã băm đã ký trong điểm kiểm soát lúc 24/11/2026 10:00:00: các bản ghi đến số đó đã bị viết lại và băm lại',
    );
  });
});

import { join } from 'node:path';
import * as ts from 'typescript';
import {
  AUDIT_PROBLEM_VI as CONSOLE_AUDIT_PROBLEM_VI,
  auditProblemVi as consoleAuditProblemVi,
} from '../../../../apps/console/src/i18n/audit-problem-vi';
import type { AuditTrailExplanation } from '../verification/audit-trail-explanation';
import { AUDIT_PROBLEM_VI, auditProblemVi } from './audit-problem-vi';

type Kind = AuditTrailExplanation['kind'];

/** A letter only Vietnamese writes. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/;

/** One explanation of every kind, with parameters distinct enough to be found in the wording. */
const SAMPLES: { [K in Kind]: Extract<AuditTrailExplanation, { kind: K }> } = {
  'anchored-chain-empty': { kind: 'anchored-chain-empty', anchorSeq: 41 },
  'range-end-missing': { kind: 'range-end-missing', fromSeq: 38, toSeq: 41 },
  'tail-cut-after-anchor': { kind: 'tail-cut-after-anchor', anchorSeq: 41, headSeq: 37 },
  'duplicate-seq': { kind: 'duplicate-seq', seq: 12, eventIds: ['event-33', 'forged-3'] },
  'numbers-skipped': { kind: 'numbers-skipped', seq: 15, previousSeq: 11 },
  'records-missing': {
    kind: 'records-missing',
    fromSeq: 5,
    toSeq: 7,
    previousSeq: 4,
    seq: 8,
  },
  'records-swapped': { kind: 'records-swapped', seq: 25, recordedAs: 26, originalNowAt: 27 },
  'renumbered-down': { kind: 'renumbered-down', seq: 19, recordedAs: 20 },
  'slipped-in': { kind: 'slipped-in', seq: 9, genuineNowAt: 10 },
  'record-moved': { kind: 'record-moved', seq: 31, recordedAs: 29 },
  'record-altered': { kind: 'record-altered', seq: 8 },
  'payload-altered': { kind: 'payload-altered', seq: 6 },
  'anchor-rewritten': { kind: 'anchor-rewritten', seq: 30 },
  'not-from-genesis': { kind: 'not-from-genesis' },
  'link-broken': { kind: 'link-broken', seq: 14, previousSeq: 13 },
  'checkpoint-signature-invalid': {
    kind: 'checkpoint-signature-invalid',
    seq: 50,
    detail: 'signature does not verify',
  },
  'checkpoint-timestamp-untrusted': {
    kind: 'checkpoint-timestamp-untrusted',
    seq: 50,
    detail: 'TSA certificate not trusted',
  },
  'checkpoint-timestamp-mismatch': {
    kind: 'checkpoint-timestamp-mismatch',
    seq: 50,
    detail: 'message imprint does not match',
  },
  'checkpoint-record-missing': { kind: 'checkpoint-record-missing', seq: 50 },
  'checkpoint-tail-cut': { kind: 'checkpoint-tail-cut', checkpointSeq: 50, headSeq: 44 },
  'checkpoint-record-rewritten': {
    kind: 'checkpoint-record-rewritten',
    seq: 50,
    createdAt: '2026-11-24T03:00:00.000Z',
  },
};

/**
 * The kinds the explanation type declares, as the compiler reads it: a kind added there without
 * its Vietnamese fails here too (Jest does not type-check, so the compiler's refusal alone would
 * not show in a spec run).
 */
function declaredKinds(): string[] {
  const file = join(__dirname, '../verification/audit-trail-explanation.ts');
  const program = ts.createProgram([file], { noEmit: true, strict: true, types: [] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const declared = checker
    .getExportsOfModule(module)
    .find((symbol) => symbol.name === 'AuditTrailExplanation')!;
  const union = checker.getDeclaredTypeOfSymbol(declared);
  return (union.isUnion() ? union.types : [union])
    .map((member) => checker.getTypeOfSymbol(member.getProperty('kind')!))
    .map((kind) => (kind.isStringLiteral() ? kind.value : checker.typeToString(kind)))
    .sort();
}

describe('audit trail problems in Vietnamese', () => {
  it('words every kind of problem the verifiers can explain', () => {
    const kinds = declaredKinds();
    expect(kinds.length).toBeGreaterThanOrEqual(21);
    expect(Object.keys(AUDIT_PROBLEM_VI).sort()).toEqual([...kinds].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...kinds].sort());
  });

  it('has the console word every kind the server sends, in Vietnamese', () => {
    // The console imports the explanation type from this library; its wordings are its own.
    expect(Object.keys(CONSOLE_AUDIT_PROBLEM_VI).sort()).toEqual(declaredKinds());
    for (const explanation of Object.values(SAMPLES)) {
      expect(consoleAuditProblemVi(explanation)).toMatch(VIETNAMESE);
    }
  });

  it.each(Object.values(SAMPLES))('words $kind with its numbers and no English', (explanation) => {
    const text = auditProblemVi(explanation);
    for (const [name, value] of Object.entries(explanation)) {
      if (name === 'kind' || name === 'detail') continue;
      for (const part of [value].flat()) expect(text).toContain(String(part));
    }
    expect(text).toMatch(VIETNAMESE);
    expect(text).not.toMatch(/\b(record|records|missing|was|were|the|chain|not)\b/i);
    if ('detail' in explanation) expect(text).not.toContain(explanation.detail);
  });

  it('words the examples the way a clerk reads them', () => {
    expect(auditProblemVi(SAMPLES['records-missing'])).toBe(
      'Thiếu các bản ghi 5..7: bản ghi ngay sau số 4 là số 8.',
    );
    expect(auditProblemVi(SAMPLES['numbers-skipped'])).toContain('bỏ qua các số 12..14');
  });
});

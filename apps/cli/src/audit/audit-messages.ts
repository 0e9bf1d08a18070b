import {
  AUDIT_REPORT_MESSAGES,
  tsaRevocationText,
} from '@docaxis/audit-trail/export/audit-report-messages';
import { auditProblemVi } from '@docaxis/audit-trail/export/audit-problem-vi';
import type { AuditTrailVerification } from '@docaxis/audit-trail/verification/audit-trail-verifier';
import type {
  CheckpointTimestamp,
  VerificationScope,
} from '@docaxis/audit-trail/verification/verification-scope';
import type { CliLanguage } from '../cli-language';

/**
 * The readable answer of `docaxis audit verify` (and the summary `audit export` writes to
 * standard error), in each language, from the same verification. A broken record's sentence is
 * worded from its explanation; its expected and actual values are the verifier's technical
 * values, quoted as they are.
 */
export interface AuditMessages {
  summary: (result: AuditTrailVerification) => string;
}

const REPORT_VI = AUDIT_REPORT_MESSAGES.vi;

function checkpointVi(result: AuditTrailVerification): string {
  return result.checkpoint
    ? `điểm kiểm soát tại bản ghi số ${result.checkpoint.headSeq} (${result.checkpoint.createdAt}), ` +
        `đã kiểm tra ${result.checkpointsChecked} điểm kiểm soát`
    : 'không có điểm kiểm soát';
}

function timestampVi(timestamp: CheckpointTimestamp | null): string {
  if (!timestamp) return '';
  const stamped = `, đóng dấu thời gian lúc ${timestamp.genTime} bởi ${timestamp.authority}`;
  if (timestamp.tsaChain === 'not-checked') return `${stamped}, ${REPORT_VI.tsaNotChecked}`;
  return `${stamped}, ${REPORT_VI.tsaTrusted}, ${tsaRevocationText(timestamp.tsaRevocation, REPORT_VI)}`;
}

/** The scope sentence of verification-scope.ts, worded in Vietnamese from its fields. */
function scopeVi(scope: VerificationScope, ok: boolean): string {
  const c = scope.startCheckpoint;
  let start: string;
  if (scope.from === 'genesis') start = 'Từ bản ghi đầu tiên';
  else if (scope.from === 'seq') {
    start = `Từ bản ghi số ${scope.firstSeq} (liên kết với bản ghi trước đó được tin cậy)`;
  } else {
    start =
      `Từ điểm kiểm soát đã ký tại bản ghi số ${c!.headSeq} (lập lúc ${c!.createdAt}, ` +
      `ký bởi ${c!.signerSubject}${timestampVi(c!.timestamp)})`;
  }
  const walked =
    scope.lastSeq === null
      ? 'không bản ghi nào được băm lại'
      : `đã băm lại và kiểm tra liên kết các bản ghi ${scope.firstSeq}..${scope.lastSeq}` +
        `${ok ? '' : ' trước chỗ sai lệch'}`;
  const left = scope.notReverified;
  let untouched = '';
  if (left && scope.from === 'checkpoint' && scope.lastSeq === null) {
    untouched =
      ` Điểm kiểm soát này không bảo đảm được gì, các bản ghi ${left.fromSeq}..${left.toSeq} ` +
      'không được kiểm tra lại: hãy bắt đầu từ một điểm kiểm soát cũ hơn (--checkpoint N) hoặc --from genesis.';
  } else if (left) {
    untouched =
      ` Các bản ghi ${left.fromSeq}..${left.toSeq} KHÔNG được kiểm tra lại trong lần này` +
      `${scope.from === 'checkpoint' ? ' (chữ ký của điểm kiểm soát bảo đảm cho chúng)' : ''}; ` +
      'dùng --from genesis để kiểm tra toàn bộ.';
  }
  return `${start}: ${walked}.${untouched}`;
}

function checkpointEn(result: AuditTrailVerification): string {
  return result.checkpoint
    ? `checkpoint at seq ${result.checkpoint.headSeq} (${result.checkpoint.createdAt}), ${result.checkpointsChecked} checkpoint(s) checked`
    : 'no checkpoint';
}

export const AUDIT_MESSAGES: Readonly<Record<CliLanguage, AuditMessages>> = {
  vi: {
    summary: (result) => {
      const scope = `  phạm vi: ${scopeVi(result.scope, result.ok)}\n`;
      if (result.ok) {
        const head = result.head
          ? `đầu chuỗi là bản ghi số ${result.head.seq} ${result.head.hash}`
          : 'chuỗi rỗng';
        return `TOÀN VẸN: đã kiểm tra ${result.recordsChecked} bản ghi; ${head}; ${checkpointVi(result)}\n${scope}`;
      }
      return (
        `SAI LỆCH tại bản ghi số ${result.seq}: ${result.problem}\n  ${auditProblemVi(result.explanation)}\n` +
        `  cần có:  ${result.expected}\n  thực tế: ${result.actual}\n` +
        `  đã kiểm tra ${result.recordsChecked} bản ghi trước đó; ${checkpointVi(result)}\n${scope}`
      );
    },
  },
  en: {
    summary: (result) => {
      if (result.ok) {
        const head = result.head
          ? `head seq ${result.head.seq} ${result.head.hash}`
          : 'empty chain';
        return `OK: ${result.recordsChecked} records verified; ${head}; ${checkpointEn(result)}\n  scope: ${result.scope.summary}\n`;
      }
      return `BROKEN at seq ${result.seq}: ${result.problem}\n  ${result.message}\n  expected: ${result.expected}\n  actual:   ${result.actual}\n  ${result.recordsChecked} records verified before it; ${checkpointEn(result)}\n  scope: ${result.scope.summary}\n`;
    },
  },
};

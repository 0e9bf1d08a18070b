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
  /** Why a `--from`, `--checkpoint` or `--to` value was refused (after commander's own words). */
  recordNumberNeeded: string;
  /** Why a `--from` or `--to` instant of `audit export` was refused. */
  instantNeeded: string;
  /** Why an `--actor` was refused. */
  actorNeeded: string;
  help: {
    description: string;
    verify: {
      description: string;
      from: string;
      checkpoint: string;
      to: string;
      anchor: string;
      json: string;
    };
    export: {
      description: string;
      verifyFrom: string;
      checkpoint: string;
      manifest: string;
      format: string;
      out: string;
      dispatch: string;
      agency: string;
      type: string;
      actor: string;
      from: string;
      to: string;
    };
  };
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
    recordNumberNeeded: 'Cần một số thứ tự bản ghi (từ 1 trở lên).',
    instantNeeded: 'Cần một thời điểm ISO 8601 có múi giờ, ví dụ 2026-03-01T00:00:00+07:00.',
    actorNeeded: 'Cần tên người hoặc ứng dụng thực hiện, đúng như đã ghi (1 đến 1.024 ký tự).',
    help: {
      description: 'kiểm tra và xuất nhật ký kiểm toán',
      verify: {
        description:
          'kiểm tra chuỗi băm và các điểm kiểm soát đã ký, từ điểm kiểm soát mới nhất (hoặc từ bản ghi đầu tiên); báo bản ghi sai lệch đầu tiên',
        from: 'checkpoint (điểm kiểm soát đã ký mới nhất: chỉ kiểm tra các bản ghi sau nó), genesis (mọi bản ghi) hoặc một số thứ tự bản ghi',
        checkpoint: 'bắt đầu từ điểm kiểm soát có đầu chuỗi là bản ghi số này',
        to: 'bản ghi cuối cùng cần kiểm tra',
        anchor:
          'tệp giữ ngoài cơ sở dữ liệu từ lần chạy trước (manifest của audit export, kết quả audit verify --json): bản ghi tại head của nó phải còn mang đúng mã băm đó',
        json: 'in kết quả kiểm tra dạng JSON',
      },
      export: {
        description:
          'xuất các sự kiện kiểm toán dạng CSV (ghi dần) hoặc báo cáo PDF, đã kiểm tra từ điểm kiểm soát mới nhất (hoặc từ bản ghi đầu tiên) tới đầu chuỗi được chốt khi bắt đầu xuất',
        verifyFrom:
          'điểm bắt đầu kiểm tra, như --from của audit verify: checkpoint, genesis (mọi bản ghi) hoặc một số thứ tự bản ghi',
        checkpoint: 'kiểm tra từ điểm kiểm soát có đầu chuỗi là bản ghi số này',
        manifest:
          'ghi thêm bản kê của lần xuất vào tệp này (JSON): bộ lọc, đầu chuỗi, số bản ghi và mã băm của tập bản ghi đã xuất, kết quả và phạm vi kiểm tra; audit verify-export dùng nó để biết bản xuất có thiếu bản ghi không',
        format: 'định dạng tệp xuất',
        out: 'ghi vào tệp này (CSV mặc định ghi ra đầu ra chuẩn; PDF bắt buộc phải có tệp)',
        dispatch: 'chỉ văn bản này',
        agency: 'chỉ các sự kiện mà cơ quan này gửi hoặc nhận',
        type: 'chỉ các loại sự kiện này (cách nhau bởi dấu phẩy)',
        actor:
          'chỉ các sự kiện do người hoặc ứng dụng này thực hiện, đúng như đã ghi (chủ thể chứng thư hoặc tên ứng dụng)',
        from: 'chỉ các sự kiện được ghi từ thời điểm này (ISO 8601, có múi giờ)',
        to: 'chỉ các sự kiện được ghi trước thời điểm này (ISO 8601, có múi giờ)',
      },
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
    recordNumberNeeded: 'a record number (1 or more)',
    instantNeeded: 'an ISO 8601 instant with its offset, e.g. 2026-03-01T00:00:00+07:00',
    actorNeeded: 'the actor exactly as recorded (1 to 1,024 characters)',
    help: {
      description: 'verify and export the audit trail',
      verify: {
        description:
          'verify the hash chain and the signed checkpoints from the latest checkpoint (or genesis); report the first broken record',
        from: 'checkpoint (the latest signed checkpoint: only the records after it are walked), genesis (every record) or a record number',
        checkpoint: 'start from the checkpoint whose head is this seq',
        to: 'last record to verify',
        anchor:
          'a file kept outside the database from an earlier run (an audit export manifest, audit verify --json output): the record at its head must still carry that hash',
        json: 'print the verification as JSON',
      },
      export: {
        description:
          'export audit events as CSV (streamed) or a PDF report, verified from the latest checkpoint (or genesis) up to the head it pins',
        verifyFrom:
          'where the verification starts, as audit verify --from: checkpoint, genesis (every record) or a record number',
        checkpoint: 'verify from the checkpoint whose head is this seq',
        manifest:
          'also write the export manifest there (JSON): filter, chain head, count and digest of the records exported, verification and its scope; audit verify-export uses it to tell whether records are missing',
        format: 'format of the export',
        out: 'write there (CSV defaults to standard output; PDF needs a file)',
        dispatch: 'only this dispatch',
        agency: 'only events where this agency sends or receives',
        type: 'only these event types (comma-separated)',
        actor:
          'only events of this actor, exactly as recorded (a certificate subject or an app name)',
        from: 'only events recorded at or after this instant (ISO 8601 with offset)',
        to: 'only events recorded before this instant (ISO 8601 with offset)',
      },
    },
  },
};

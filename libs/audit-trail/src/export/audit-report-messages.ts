import type { TsaRevocation, TsaRevocationUnsettled } from '../checkpoints/tsa-revocation-status';
import type { TsaRevocationFinding } from '../checkpoints/tsa-revocation-finding';
import type { AuditTrailVerification } from '../verification/audit-trail-verifier';
import type { VerificationScope } from '../verification/verification-scope';
import { auditProblemVi } from './audit-problem-vi';

type TrailFailure = Extract<AuditTrailVerification, { ok: false }>;

/** The audit PDF report's wording; Vietnamese is the default language of the axis. */
export interface AuditReportMessages {
  title: string;
  scope: string;
  filters: string;
  noFilter: string;
  generatedAt: string;
  integrity: string;
  chainHead: string;
  checkpoint: string;
  checkpointNone: string;
  signedBy: string;
  timestamped: string;
  yes: string;
  no: string;
  /** The TSA certificate chained to AUDIT_TSA_TRUST_FILE, or was not judged (none configured). */
  tsaTrusted: string;
  tsaNotChecked: string;
  /** Revocation of the TSA path (AUDIT_TSA_CRL_DIR): checked, not checked (why), revoked later. */
  tsaRevocationGood: string;
  tsaRevocationNotChecked: (revocation: TsaRevocationUnsettled) => string;
  tsaRevokedAfterGenTime: (revocation: TsaRevocationUnsettled) => string;
  verification: string;
  /** What this report's verification re-hashed, and what it left to a checkpoint's signature. */
  verificationScope: string;
  scopeText: (scope: VerificationScope) => string;
  verified: (records: number) => string;
  /** The first problem: where, its code, and why in the report's language. */
  broken: (failure: TrailFailure) => string;
  howToCheck: string;
  events: string;
  eventCount: (shown: number, total: number) => string;
  header: readonly string[];
  page: (page: number, total: number) => string;
}

export const AUDIT_REPORT_MESSAGES: Readonly<Record<'vi' | 'en', AuditReportMessages>> = {
  vi: {
    title: 'Báo cáo nhật ký kiểm toán trục liên thông văn bản',
    scope: 'Phạm vi báo cáo',
    filters: 'Điều kiện lọc',
    noFilter: 'Toàn bộ nhật ký',
    generatedAt: 'Thời điểm lập',
    integrity: 'Tính toàn vẹn của nhật ký',
    chainHead: 'Bản ghi cuối (đầu chuỗi)',
    checkpoint: 'Điểm kiểm soát đã ký dùng để đối chiếu',
    checkpointNone: 'chưa có điểm kiểm soát',
    signedBy: 'Ký bởi',
    timestamped: 'Có dấu thời gian RFC 3161',
    yes: 'có',
    no: 'không',
    tsaTrusted: 'chuỗi chứng thư của TSA đã được xác minh',
    tsaNotChecked: 'chuỗi chứng thư của TSA CHƯA được kiểm tra (không có AUDIT_TSA_TRUST_FILE)',
    tsaRevocationGood: 'tình trạng thu hồi đã kiểm tra (CRL): chưa bị thu hồi',
    tsaRevocationNotChecked: (revocation) =>
      `tình trạng thu hồi của TSA CHƯA được kiểm tra (${tsaFindingsVi(revocation)})`,
    tsaRevokedAfterGenTime: (revocation) =>
      `chứng thư TSA bị thu hồi SAU thời điểm đóng dấu, dấu thời gian vẫn hợp lệ (${tsaFindingsVi(revocation)})`,
    verification: 'Kết quả kiểm tra chuỗi băm',
    verificationScope: 'Phạm vi đã kiểm tra lại',
    scopeText: (scope) => {
      const c = scope.startCheckpoint;
      const start =
        scope.from === 'genesis'
          ? 'Toàn bộ chuỗi, từ bản ghi đầu tiên'
          : c
            ? `Từ điểm kiểm soát đã ký có bản ghi cuối số ${c.headSeq} (${c.createdAt})`
            : `Từ bản ghi số ${scope.firstSeq} (liên kết với bản ghi trước đó được tin cậy)`;
      const walked =
        scope.lastSeq === null
          ? 'không bản ghi nào được băm lại'
          : `đã băm lại và kiểm tra liên kết các bản ghi ${scope.firstSeq}..${scope.lastSeq}`;
      const left = scope.notReverified
        ? ` Các bản ghi ${scope.notReverified.fromSeq}..${scope.notReverified.toSeq} KHÔNG được kiểm tra lại trong lần này${c ? ' (chữ ký của điểm kiểm soát bảo đảm cho chúng)' : ''}; xuất với verifyFrom=genesis (docaxis audit export --verify-from genesis) để kiểm tra toàn bộ.`
        : '';
      return `${start}: ${walked}.${left}`;
    },
    verified: (records) =>
      `Hợp lệ: đã kiểm tra ${records} bản ghi, chuỗi băm và chữ ký điểm kiểm soát đều đúng.`,
    broken: (failure) =>
      `KHÔNG hợp lệ từ bản ghi số ${failure.seq} (${failure.problem}): ${auditProblemVi(failure.explanation)}`,
    howToCheck:
      'Đối chiếu: mã băm của bản ghi cuối và của điểm kiểm soát trên đây phải trùng với kết quả lệnh "docaxis audit verify" chạy trên cơ sở dữ liệu.',
    events: 'Các sự kiện',
    eventCount: (shown, total) =>
      shown === total
        ? `${total} sự kiện.`
        : `${shown} sự kiện đầu tiên trên tổng số ${total}; dùng bản xuất CSV để có đầy đủ.`,
    header: ['Số', 'Thời điểm ghi', 'Sự kiện', 'Văn bản', 'Chi tiết', 'Mã băm'],
    page: (page, total) => `Trang ${page}/${total}`,
  },
  en: {
    title: 'Document axis audit trail report',
    scope: 'Scope',
    filters: 'Filters',
    noFilter: 'The whole trail',
    generatedAt: 'Generated at',
    integrity: 'Integrity of the trail',
    chainHead: 'Last record (chain head)',
    checkpoint: 'Signed checkpoint used',
    checkpointNone: 'no checkpoint yet',
    signedBy: 'Signed by',
    timestamped: 'RFC 3161 timestamp',
    yes: 'yes',
    no: 'no',
    tsaTrusted: 'TSA certificate chain verified',
    tsaNotChecked: 'TSA certificate chain NOT checked (no AUDIT_TSA_TRUST_FILE)',
    tsaRevocationGood: 'revocation checked (CRL): not revoked',
    tsaRevocationNotChecked: (revocation) => `TSA revocation NOT checked (${revocation.note})`,
    tsaRevokedAfterGenTime: (revocation) =>
      `TSA certificate revoked AFTER the timestamp, which stays valid (${revocation.note})`,
    verification: 'Hash chain verification',
    verificationScope: 'Re-verified by this export',
    scopeText: (scope) => {
      const c = scope.startCheckpoint;
      const start =
        scope.from === 'genesis'
          ? 'The whole chain, from genesis'
          : c
            ? `From the signed checkpoint of seq ${c.headSeq} (${c.createdAt})`
            : `From record ${scope.firstSeq} (its link to the record before it trusted)`;
      const walked =
        scope.lastSeq === null
          ? 'no record was re-hashed'
          : `records ${scope.firstSeq}..${scope.lastSeq} re-hashed and linked`;
      const left = scope.notReverified
        ? ` Records ${scope.notReverified.fromSeq}..${scope.notReverified.toSeq} were NOT re-verified by this export${c ? " (the checkpoint's signature vouches for them)" : ''}; export with verifyFrom=genesis (docaxis audit export --verify-from genesis) for the full walk.`
        : '';
      return `${start}: ${walked}.${left}`;
    },
    verified: (records) =>
      `Valid: ${records} records checked; the hash chain and the checkpoint signatures hold.`,
    broken: (failure) =>
      `NOT valid from record ${failure.seq} (${failure.problem}): ${failure.message}`,
    howToCheck:
      'To check: the hashes of the chain head and of the checkpoint above must match what "docaxis audit verify" reports on the database.',
    events: 'Events',
    eventCount: (shown, total) =>
      shown === total
        ? `${total} events.`
        : `First ${shown} of ${total} events; use the CSV export for all.`,
    header: ['Seq', 'Recorded at', 'Event', 'Dispatch', 'Details', 'Hash'],
    page: (page, total) => `Page ${page}/${total}`,
  },
};

/** A trusted TSA chain's revocation status in `m`'s words: checked, revoked after, or not checked. */
export function tsaRevocationText(revocation: TsaRevocation, m: AuditReportMessages): string {
  if (revocation.status === 'good') return m.tsaRevocationGood;
  return revocation.status === 'revoked-after-gen-time'
    ? m.tsaRevokedAfterGenTime(revocation)
    : m.tsaRevocationNotChecked(revocation);
}

/**
 * Why a TSA revocation is not `good`, in Vietnamese. A revocation source's own explanation
 * (`detail`: which CRL, why unusable) is English only and is not mixed in: the English report
 * quotes it.
 */
function tsaFindingsVi(revocation: TsaRevocationUnsettled): string {
  return revocation.findings.map(tsaFindingVi).join('; ');
}

function tsaFindingVi(finding: TsaRevocationFinding): string {
  if (finding.kind === 'no-trust-file') {
    return 'không có AUDIT_TSA_TRUST_FILE: chưa kiểm tra chuỗi chứng thư của TSA lẫn tình trạng thu hồi';
  }
  if (finding.kind === 'no-crl-dir') return 'không có AUDIT_TSA_CRL_DIR';
  const { role, subject } = finding.certificate;
  const who = `chứng thư ${role === 'tsa' ? 'TSA' : 'CA'} "${subject}"`;
  switch (finding.kind) {
    case 'no-answer':
      return `${who}: không nguồn thu hồi nào trả lời được (chi tiết kỹ thuật có trong báo cáo tiếng Anh)`;
    case 'expired':
      return `${who}: đã hết hạn từ ${finding.notAfter}, nên CRL hiện hành không liệt kê nó cũng không chứng minh được gì`;
    case 'on-hold':
      return `${who}: bị tạm đình chỉ (certificateHold) từ ${finding.since}, chưa thể kết luận cho đến khi CA khôi phục (removeFromCRL) hoặc thu hồi hẳn`;
    case 'revoked-after':
      return `${who} (số sê-ri ${finding.serialNumber}) bị thu hồi lúc ${finding.revokedAt} (${finding.reason ?? 'không nêu lý do'}), sau thời điểm đóng dấu ${finding.genTime}`;
  }
}

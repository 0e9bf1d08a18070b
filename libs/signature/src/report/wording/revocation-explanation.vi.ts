import type { RevocationExplanation, RevokedCertificateRef } from '../revocation-explanation';

type Kind = RevocationExplanation['kind'];
type Instant = (iso: string) => string;

/** One wording per kind: the compiler refuses a kind added without its Vietnamese. */
type WordingByKind = {
  readonly [K in Kind]: (
    explanation: Extract<RevocationExplanation, { kind: K }>,
    instant: Instant,
  ) => string;
};

/** A revocation source's own explanation is English only: the Vietnamese says where it is. */
const DETAIL_IN_ENGLISH = 'chi tiết kỹ thuật của nguồn thu hồi có trong báo cáo tiếng Anh';

function who(certificate: RevokedCertificateRef): string {
  return certificate.role === 'signer'
    ? `chứng thư của người ký (số sê-ri ${certificate.serialNumber})`
    : `chứng thư CA "${certificate.subject}" (số sê-ri ${certificate.serialNumber})`;
}

function why(reason: string | null): string {
  return reason ?? 'không nêu lý do';
}

function detailOf(explanation: { detail?: string }): string {
  return explanation.detail === undefined ? '' : ` (${DETAIL_IN_ENGLISH})`;
}

/** The Vietnamese of each revocation note and finding, from its explanation. */
export const REVOCATION_EXPLANATION_VI: WordingByKind = {
  'signer-is-trust-anchor': () => 'chứng thư của người ký chính là một chứng thư gốc tin cậy',
  'status-unknown': (e) =>
    `không xác định được tình trạng thu hồi của ${who(e.certificate)}${detailOf(e)}`,
  'good-with-remark': (e) => `${who(e.certificate)}: chưa bị thu hồi, có lưu ý${detailOf(e)}`,
  'on-hold': (e, instant) =>
    `${who(e.certificate)} bị CA tạm dừng (certificateHold) từ ${instant(e.since)}: chưa hợp lệ cũng chưa bị thu hồi cho đến khi CA khôi phục (removeFromCRL) hoặc thu hồi hẳn; cần kiểm tra lại sau${detailOf(e)}`,
  'revoked-compromise': (e, instant) =>
    `${who(e.certificate)} bị thu hồi lúc ${instant(e.revokedAt)} (${why(e.reason)}): thời điểm ký do người giữ khóa tự khai (${instant(e.claimedSigningTime)}) không chứng minh được gì, và không có dấu thời gian nào chứng minh chữ ký có trước đó${detailOf(e)}`,
  'revoked-before-signing': (e, instant) =>
    `${who(e.certificate)} bị thu hồi lúc ${instant(e.revokedAt)} (${why(e.reason)})${e.invalidFrom ? `, mất hiệu lực từ ${instant(e.invalidFrom)} (invalidityDate)` : ''}, trước thời điểm ký${detailOf(e)}`,
  'revoked-after-signing': (e, instant) =>
    `${who(e.certificate)} bị thu hồi lúc ${instant(e.revokedAt)} (${why(e.reason)}), sau thời điểm ký ${instant(e.signingTime)}; chữ ký vẫn hợp lệ${detailOf(e)}`,
};

/** A revocation note or finding in Vietnamese. */
export function revocationExplanationVi(
  explanation: RevocationExplanation,
  instant: Instant = (iso) => iso,
): string {
  const word = REVOCATION_EXPLANATION_VI[explanation.kind] as (
    e: RevocationExplanation,
    instant: Instant,
  ) => string;
  return word(explanation, instant);
}

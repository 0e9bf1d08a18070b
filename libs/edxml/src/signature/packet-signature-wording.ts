import type { PacketSignatureVerdict } from './packet-signature-verdict';

/**
 * A packet signature's verdict in a few words, as the CLI and the console show it beside a
 * status notice (one wording for both). Imports only a type, so the browser bundle takes it as is.
 */
export function packetSignatureWordsVi(verdict: PacketSignatureVerdict): string {
  switch (verdict.kind) {
    case 'unsigned':
      return 'gói tin không ký số';
    case 'valid':
      return 'chữ ký số gói tin hợp lệ';
    case 'valid-other-agency':
      return `chữ ký số gói tin hợp lệ nhưng của ${verdict.signerAgencyCode ?? 'cơ quan không rõ'}, không phải nơi gửi`;
    case 'failed':
      return `chữ ký số gói tin không hợp lệ${withCode(verdict.subIndication)}`;
    case 'indeterminate':
      return `chưa xác định được chữ ký số gói tin${withCode(verdict.subIndication)}`;
  }
}

export function packetSignatureWordsEn(verdict: PacketSignatureVerdict): string {
  switch (verdict.kind) {
    case 'unsigned':
      return 'packet unsigned';
    case 'valid':
      return 'packet signature valid';
    case 'valid-other-agency':
      return `packet signature valid but by ${verdict.signerAgencyCode ?? 'an unknown agency'}, not the author`;
    case 'failed':
      return `packet signature invalid${withCode(verdict.subIndication)}`;
    case 'indeterminate':
      return `packet signature indeterminate${withCode(verdict.subIndication)}`;
  }
}

function withCode(subIndication: string | null): string {
  return subIndication ? `: ${subIndication}` : '';
}

import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';

/** Văn phòng Chính phủ writes to UBND tỉnh Nghệ An and Sở TT&TT Đồng Tháp (development directory). */
export const DEMO_SENDER = '000.00.00.G22';
export const DEMO_RECIPIENTS = ['000.00.00.H41', '000.00.14.H20'];

export interface DemoPdf {
  name: string;
  bytes: Buffer;
}

/**
 * A number no earlier run used: number and notation are unique per agency and year, so a second
 * dispatch with the same one is refused.
 */
export function freshDispatchNumber(): string {
  return String((Math.floor(Date.now() / 1000) % 9_000_000) + 1_000_000);
}

/** The envelope of the demo's công văn `number`/VPCP-KSTT, signed for by the sender's leader. */
export function demoEnvelope(pki: DevPki, number: string) {
  const leader = pki.agency(DEMO_SENDER).leader;
  return {
    from: { organId: DEMO_SENDER, organName: pki.agency(DEMO_SENDER).name },
    to: DEMO_RECIPIENTS.map((code) => ({ organId: code, organName: pki.agency(code).name })),
    code: { codeNumber: number, codeNotation: 'VPCP-KSTT' },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: new Date().toISOString().slice(0, 10) },
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'V/v thử nghiệm gửi, nhận văn bản điện tử qua trục liên thông (demo)',
    signerInfo: {
      competence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
      position: leader.position,
      fullName: leader.fullName,
    },
    urgency: 'urgent',
    confidentiality: 'none',
  };
}

/** The công văn (signed by the leader, then sealed) and an appendix (sealed only). */
export async function demoPdfs(pki: DevPki, number: string): Promise<DemoPdf[]> {
  const main = await signedDispatchPdf(pki, DEMO_SENDER, {
    unsigned: { title: `Công văn ${number}/VPCP-KSTT`, lines: ['Demo docaxis'] },
  });
  const appendix = await signedDispatchPdf(pki, DEMO_SENDER, {
    leader: false,
    pdf: await buildUnsignedPdf({ title: 'Phụ lục', pages: 2 }),
  });
  return [
    { name: `${number}-VPCP-KSTT.pdf`, bytes: main },
    { name: 'phu-luc.pdf', bytes: appendix },
  ];
}

import type { DispatchEnvelopeJson } from '@docaxis/edxml/envelope/dispatch-envelope.schema';
import type request from 'supertest';

let sequence = 0;

/**
 * A valid envelope (JSON form) from `senderCode` to `recipientCodes`, modelled on the domain
 * sample; each call takes a fresh number so number-and-notation stays unique per sender and year.
 */
export function envelopeJson(
  senderCode: string,
  recipientCodes: readonly string[],
  overrides: Partial<DispatchEnvelopeJson> = {},
): DispatchEnvelopeJson {
  sequence += 1;
  const number = String(100 + sequence + (process.pid % 1000) * 1000);
  return {
    from: { organId: senderCode, organName: `Cơ quan ${senderCode}` },
    to: recipientCodes.map((organId) => ({ organId, organName: `Cơ quan ${organId}` })),
    code: { codeNumber: number, codeNotation: 'VPCP-KSTT' },
    promulgationInfo: { place: 'Hà Nội', promulgationDate: '2026-11-20' },
    documentType: { type: 1, typeName: 'Công văn' },
    subject: 'V/v thử nghiệm gửi, nhận văn bản điện tử qua trục liên thông',
    signerInfo: {
      competence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
      position: 'Phó Chủ nhiệm',
      fullName: 'Nguyễn Hữu Thành',
    },
    dueDate: '2026-11-27',
    urgency: 'normal',
    confidentiality: 'none',
    ...overrides,
  };
}

export interface PdfPart {
  name: string;
  bytes: Buffer;
}

/** Fills a supertest request with the multipart body of POST /dispatches. */
export function attachDispatch(
  test: request.Test,
  envelope: unknown,
  files: readonly PdfPart[],
): request.Test {
  let result = test.field(
    'envelope',
    typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
  );
  for (const file of files)
    result = result.attach('files', file.bytes, {
      filename: file.name,
      contentType: 'application/pdf',
    });
  return result;
}

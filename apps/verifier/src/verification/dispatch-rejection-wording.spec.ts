import { DispatchRejectionCode } from './dispatch-rejection';
import type { RejectionFacts } from './dispatch-rejection-wording';
import { DISPATCH_REJECTION_WORDING, rejectionOf } from './dispatch-rejection-wording.registry';

const CODES = Object.values(DispatchRejectionCode);
const FACTS: RejectionFacts = {
  fileName: 'phu-luc.pdf',
  senderCode: '000.00.00.G22',
  signature: { position: 2, signer: 'Văn phòng Chính phủ', digestAlgorithm: 'sha1' },
  signerAgencyCode: '000.00.00.H41',
};

describe('dispatch rejection wording', () => {
  it('words every code in both languages, each naming the file', () => {
    for (const code of CODES) {
      const { message, messageVi } = rejectionOf(code, FACTS);
      expect({ code, message }).toEqual({
        code,
        message: expect.stringContaining('"phu-luc.pdf"'),
      });
      expect({ code, messageVi }).toEqual({
        code,
        messageVi: expect.stringMatching(/tệp "phu-luc\.pdf"/i),
      });
      expect(messageVi).not.toBe(message);
    }
  });

  it('gives every code its own words in each language', () => {
    for (const language of ['vi', 'en'] as const) {
      const words = CODES.map((code) => DISPATCH_REJECTION_WORDING[language][code](FACTS));
      expect(new Set(words).size).toBe(CODES.length);
    }
  });

  it('speaks of a file alone, without a signature, where no signature is at fault', () => {
    const file = { fileName: 'a.pdf', senderCode: '000.00.00.G22' };
    expect(rejectionOf(DispatchRejectionCode.FileMissing, file)).toEqual({
      code: 'FILE_MISSING',
      message: `"a.pdf" is missing from the dispatch's stored files; send the dispatch again.`,
      messageVi:
        'Không tìm thấy tệp "a.pdf" trong các tệp đã lưu của văn bản; đề nghị gửi lại văn bản.',
    });
    // A signature's reason without the signature still names the file.
    expect(rejectionOf(DispatchRejectionCode.CertificateRevoked, file)).toEqual({
      code: 'CERTIFICATE_REVOKED',
      message: '"a.pdf": the certificate was revoked before signing.',
      messageVi: 'Tệp "a.pdf": chứng thư số đã bị thu hồi trước thời điểm ký.',
    });
  });
});

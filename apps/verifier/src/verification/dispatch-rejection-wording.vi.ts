import { DispatchRejectionCode as Code } from './dispatch-rejection';
import type { DispatchRejectionWording, RejectionFacts } from './dispatch-rejection-wording';

/** `Chữ ký số thứ 2 (người ký) trên tệp "file.pdf"`, or the file alone when no signature is at fault. */
function where({ fileName, signature }: RejectionFacts): string {
  if (!signature) return `Tệp "${fileName}"`;
  return `Chữ ký số thứ ${signature.position} (${signature.signer}) trên tệp "${fileName}"`;
}

/**
 * The rejections in Vietnamese, the axis' default language (the `messageVi` of the event and the
 * dispatch), in the terms of the glossary: chữ ký số, chứng thư số, thu hồi, tạm dừng, mã định danh.
 */
export const DISPATCH_REJECTION_WORDING_VI: DispatchRejectionWording = {
  [Code.PdfUnsigned]: ({ fileName }) =>
    `Tệp "${fileName}" không có chữ ký số; đề nghị ký số tệp bằng chứng thư số chuyên dùng của cơ quan do Cơ quan chứng thực số chuyên dùng Chính phủ cấp.`,
  [Code.PdfMalformed]: (facts) =>
    facts.signature
      ? `${where(facts)}: chữ ký số không đúng cấu trúc (${facts.signature.subIndication ?? 'không rõ nguyên nhân'}).`
      : `Tệp "${facts.fileName}" không phải là tệp PDF hợp lệ, không đọc được.`,
  [Code.SignatureHashMismatch]: (facts) => `${where(facts)}: nội dung được ký đã bị thay đổi.`,
  [Code.SignatureInvalid]: (facts) =>
    `${where(facts)}: giá trị chữ ký số không hợp lệ, không khớp với chứng thư số.`,
  [Code.DocumentModifiedAfterSigning]: (facts) =>
    `${where(facts)}: văn bản đã bị sửa đổi sau khi ký.`,
  [Code.CertificateUntrusted]: (facts) =>
    `${where(facts)}: chứng thư số không thuộc hệ thống chứng thực chữ ký số chuyên dùng Chính phủ (không xác lập được chuỗi chứng thư số tới chứng thư số gốc).`,
  [Code.CertificateExpired]: (facts) =>
    facts.signature?.subIndication === 'OUT_OF_BOUNDS_NO_POE'
      ? `${where(facts)}: chứng thư số đã hết hiệu lực và không có dấu thời gian chứng minh chữ ký được tạo khi chứng thư còn hiệu lực; hãy ký lại bằng chứng thư còn hiệu lực.`
      : `${where(facts)}: chứng thư số đã hết hiệu lực tại thời điểm ký.`,
  [Code.CertificateNotYetValid]: (facts) =>
    `${where(facts)}: chứng thư số chưa có hiệu lực tại thời điểm ký.`,
  [Code.CertificateRevoked]: (facts) =>
    `${where(facts)}: chứng thư số đã bị thu hồi trước thời điểm ký.`,
  [Code.CertificateRevokedKeyCompromise]: (facts) =>
    `${where(facts)}: chứng thư số đã bị thu hồi do lộ khóa bí mật (hoặc không nêu lý do) nên thời điểm ký do người ký khai báo không có giá trị chứng minh; đề nghị ký số lại bằng chứng thư số còn hiệu lực.`,
  [Code.CertificateOnHold]: (facts) =>
    `${where(facts)}: chứng thư số đang bị tổ chức cấp chứng thư số tạm dừng: trong thời gian tạm dừng, chứng thư số không có hiệu lực nhưng cũng chưa bị thu hồi; đề nghị gửi lại văn bản khi chứng thư số được khôi phục, hoặc ký số lại bằng chứng thư số còn hiệu lực.`,
  [Code.CertificateNotAllowed]: (facts) =>
    `${where(facts)}: chứng thư số không được phép sử dụng để ký số văn bản.`,
  [Code.WeakAlgorithm]: (facts) =>
    `${where(facts)} sử dụng thuật toán ${facts.signature?.digestAlgorithm ?? 'băm'}, không còn bảo đảm an toàn.`,
  [Code.RevocationUnknown]: (facts) =>
    `${where(facts)}: không xác định được tình trạng thu hồi của chứng thư số (không có nguồn CRL hoặc OCSP nào phản hồi trong thời gian hệ thống kiểm tra lại); đề nghị gửi lại văn bản khi các nguồn tra cứu tình trạng thu hồi của tổ chức cấp chứng thư số hoạt động trở lại.`,
  [Code.SignerNotSender]: ({ fileName, senderCode, signerAgencyCode }) =>
    `Tệp "${fileName}" mang chữ ký số của cơ quan có mã định danh ${signerAgencyCode ?? '?'}, không phải của cơ quan gửi ${senderCode}.`,
  [Code.AgencySignatureMissing]: ({ fileName, senderCode }) =>
    `Tệp "${fileName}" chưa có chữ ký số của cơ quan ${senderCode} (ký bằng chứng thư số của cơ quan, tổ chức).`,
  [Code.FileMissing]: ({ fileName }) =>
    `Không tìm thấy tệp "${fileName}" trong các tệp đã lưu của văn bản; đề nghị gửi lại văn bản.`,
};

import type { CliLanguage } from '../cli-language';

/**
 * The help of `docaxis verify`, in each language. Its output is worded by the verification
 * reports' own wording (REPORT_WORDING), shared with the PDF report and the console.
 */
export interface VerifyMessages {
  help: {
    description: string;
    files: string;
    trustAnchor: string;
    intermediate: string;
    crl: string;
    json: string;
    pdfReport: string;
  };
}

export const VERIFY_MESSAGES: Readonly<Record<CliLanguage, VerifyMessages>> = {
  vi: {
    help: {
      description: 'kiểm tra chữ ký số của các tệp PDF, không cần kết nối mạng',
      files: 'các tệp PDF cần kiểm tra',
      trustAnchor: 'chứng thư số gốc được tin cậy (có thể lặp lại)',
      intermediate: 'chứng thư số của CA trung gian (có thể lặp lại)',
      crl: 'danh sách chứng thư số bị thu hồi (CRL), dạng DER hoặc PEM (có thể lặp lại)',
      json: 'in các báo cáo dạng JSON (một mảng, mỗi tệp một báo cáo)',
      pdfReport: 'ghi thêm báo cáo PDF dễ đọc của tất cả các tệp vào tệp này',
    },
  },
  en: {
    help: {
      description: 'verify the digital signatures of PDF files, offline',
      files: 'PDF files to verify',
      trustAnchor: 'trusted root certificate (repeatable)',
      intermediate: 'intermediate CA certificate (repeatable)',
      crl: 'CRL, DER or PEM (repeatable)',
      json: 'print the JSON reports (an array, one per file)',
      pdfReport: 'also write the readable PDF report of all files there',
    },
  },
};

import type {
  ExportedCsvVerification,
  ExportedRecordProblem,
} from '@docaxis/audit-trail/export/exported-csv-verifier';
import type { CliLanguage } from '../cli-language';

/** The words of `docaxis audit verify-export`, in each language. */
export interface VerifyExportMessages {
  summary: (result: ExportedCsvVerification) => string;
  help: { description: string; file: string; manifest: string };
}

const PROBLEM_VI: Readonly<Record<ExportedRecordProblem, string>> = {
  malformed: 'tệp không đúng dạng một bản xuất CSV nhật ký kiểm toán',
  'payload-altered': 'nội dung (payload) của bản ghi đã bị sửa: mã băm nội dung không khớp',
  'record-altered': 'bản ghi đã bị sửa: mã băm của nó không khớp các ô của nó',
  'link-broken': 'bản ghi không nối với bản ghi liền trước (prev_hash)',
  'out-of-order': 'bản ghi không nằm sau bản ghi đứng trước nó trong tệp',
  'records-missing': 'bản xuất toàn bộ nhật ký thiếu bản ghi',
  'head-mismatch': 'bản xuất toàn bộ nhật ký không kết thúc ở đầu chuỗi mà manifest đã chốt',
};

const PROBLEM_EN: Readonly<Record<ExportedRecordProblem, string>> = {
  malformed: 'the file is not an audit CSV export',
  'payload-altered': "the record's payload was altered: its digest does not match",
  'record-altered': 'the record was altered: its hash does not cover its cells',
  'link-broken': 'the record does not link to the one before it (prev_hash)',
  'out-of-order': 'the record does not come after the one before it in the file',
  'records-missing': 'the whole-trail export misses records',
  'head-mismatch': 'the whole-trail export does not end at the head its manifest pinned',
};

export const VERIFY_EXPORT_MESSAGES: Readonly<Record<CliLanguage, VerifyExportMessages>> = {
  vi: {
    summary: (result) =>
      result.ok
        ? `TOÀN VẸN: đã kiểm tra ${result.recordsChecked} bản ghi và ${result.linksChecked} liên kết giữa các bản ghi liền nhau` +
          (result.last ? `; bản ghi cuối số ${result.last.seq} ${result.last.hash}\n` : '\n')
        : `SAI LỆCH tại dòng ${result.line}${result.seq === null ? '' : ` (bản ghi số ${result.seq})`}: ` +
          `${PROBLEM_VI[result.problem]}\n  ${result.detail}\n`,
    help: {
      description:
        'kiểm tra một bản xuất CSV mà không cần cơ sở dữ liệu: băm lại từng bản ghi và kiểm tra liên kết giữa các bản ghi liền nhau',
      file: 'tệp CSV do audit export ghi ra',
      manifest:
        'manifest ghi cùng bản xuất (audit export --manifest): bản xuất toàn bộ nhật ký phải có mọi bản ghi tới đầu chuỗi đã chốt',
    },
  },
  en: {
    summary: (result) =>
      result.ok
        ? `OK: ${result.recordsChecked} records and ${result.linksChecked} links between consecutive records verified` +
          (result.last ? `; last record seq ${result.last.seq} ${result.last.hash}\n` : '\n')
        : `BROKEN at line ${result.line}${result.seq === null ? '' : ` (seq ${result.seq})`}: ` +
          `${PROBLEM_EN[result.problem]}\n  ${result.detail}\n`,
    help: {
      description:
        'verify a CSV export without the database: every record re-hashed, links between consecutive records checked',
      file: 'the CSV file audit export wrote',
      manifest:
        'the manifest written with the export (audit export --manifest): a whole-trail export must hold every record up to the head it pinned',
    },
  },
};

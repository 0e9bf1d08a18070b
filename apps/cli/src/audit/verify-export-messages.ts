import type { ExportedRecordProblem } from '@docaxis/audit-trail/export/export-completeness-check';
import type { ExportedCsvVerification } from '@docaxis/audit-trail/export/exported-csv-verifier';
import type { StatedNotRecheckableFilter } from '@docaxis/audit-trail/export/stated-export-filter';
import type { CliLanguage } from '../cli-language';

/** What a passing `verify-export` run proved about the export holding every record it should. */
export type ExportCompleteness =
  /** No manifest: nothing says which records the export should hold. */
  | { kind: 'not-checked' }
  /** A version 1 manifest of a filtered export: it states no selection to hold the file to. */
  | { kind: 'not-stated' }
  | { kind: 'whole-trail'; headSeq: number }
  | { kind: 'as-stated'; headSeq: number; count: number }
  | { kind: 'database'; headSeq: number; count: number }
  /**
   * Also filtered by the dispatch's current state (an API export by state, status, number or
   * notation): its records were checked to be within the rest of the filter (and, with
   * `database`, to be the database's), but which records it should hold cannot be known.
   */
  | {
      kind: 'not-recheckable';
      headSeq: number;
      filters: StatedNotRecheckableFilter;
      database: boolean;
    };

/** `dispatchState=routed, statusCode=01`: the filters as the manifest names them. */
function filtersText(filters: StatedNotRecheckableFilter): string {
  return Object.entries(filters)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');
}

/** The words of `docaxis audit verify-export`, in each language. */
export interface VerifyExportMessages {
  summary: (result: ExportedCsvVerification, completeness: ExportCompleteness) => string;
  help: { description: string; file: string; manifest: string; database: string };
}

const PROBLEM_VI: Readonly<Record<ExportedRecordProblem, string>> = {
  malformed: 'tệp không đúng dạng một bản xuất CSV nhật ký kiểm toán',
  'payload-altered': 'nội dung (payload) của bản ghi đã bị sửa: mã băm nội dung không khớp',
  'record-altered': 'bản ghi đã bị sửa: mã băm của nó không khớp các ô của nó',
  'link-broken': 'bản ghi không nối với bản ghi liền trước (prev_hash)',
  'out-of-order': 'bản ghi không nằm sau bản ghi đứng trước nó trong tệp',
  'records-missing': 'bản xuất toàn bộ nhật ký thiếu bản ghi',
  'head-mismatch': 'bản xuất toàn bộ nhật ký không kết thúc ở đầu chuỗi mà manifest đã chốt',
  'outside-filter': 'bản ghi nằm ngoài bộ lọc hoặc sau đầu chuỗi mà manifest nêu',
  incomplete: 'bản xuất THIẾU bản ghi: ít bản ghi hơn manifest nêu',
  'selection-mismatch': 'bản xuất không chứa đúng các bản ghi mà manifest nêu (bị thêm hoặc thay)',
  'record-missing': 'bản xuất THIẾU một bản ghi mà bộ lọc, chạy lại trên cơ sở dữ liệu, chọn',
  'record-not-selected': 'bản ghi không được bộ lọc chọn khi chạy lại trên cơ sở dữ liệu',
  'record-differs': 'bản ghi khác bản ghi cùng số thứ tự trong cơ sở dữ liệu',
};

const PROBLEM_EN: Readonly<Record<ExportedRecordProblem, string>> = {
  malformed: 'the file is not an audit CSV export',
  'payload-altered': "the record's payload was altered: its digest does not match",
  'record-altered': 'the record was altered: its hash does not cover its cells',
  'link-broken': 'the record does not link to the one before it (prev_hash)',
  'out-of-order': 'the record does not come after the one before it in the file',
  'records-missing': 'the whole-trail export misses records',
  'head-mismatch': 'the whole-trail export does not end at the head its manifest pinned',
  'outside-filter': "the record is outside the manifest's filter or past its head",
  incomplete: 'the export is INCOMPLETE: it holds fewer records than its manifest states',
  'selection-mismatch':
    'the export does not hold the records its manifest states (records added or replaced)',
  'record-missing':
    'the export is MISSING a record that its filter, re-run on the database, selects',
  'record-not-selected': 'the record is not selected by the filter re-run on the database',
  'record-differs': "the record differs from the database's record of the same seq",
};

function completenessVi(c: ExportCompleteness): string {
  switch (c.kind) {
    case 'not-checked':
      return 'tính đầy đủ KHÔNG được kiểm tra: không có manifest thì không biết được bản ghi nào bị xoá khỏi tệp (dùng --manifest, và --database)';
    case 'not-stated':
      return 'tính đầy đủ KHÔNG được kiểm tra: manifest phiên bản 1 của bản xuất có lọc không nêu tập bản ghi; dùng --database';
    case 'whole-trail':
      return `đầy đủ: mọi bản ghi từ số 1 tới đầu chuỗi số ${c.headSeq} mà manifest đã chốt`;
    case 'as-stated':
      return (
        `đúng như manifest nêu: ${c.count} bản ghi do bộ lọc của nó chọn tới bản ghi số ${c.headSeq}. ` +
        'Manifest không được ký: điều này chỉ đúng khi manifest được giữ riêng, tách khỏi tệp; --database chạy lại bộ lọc trên chính nhật ký'
      );
    case 'database':
      return `đầy đủ so với cơ sở dữ liệu: bộ lọc của manifest chạy lại tới bản ghi số ${c.headSeq} chọn đúng ${c.count} bản ghi này, cùng mã băm`;
    case 'not-recheckable':
      return (
        `tính đầy đủ KHÔNG THỂ kiểm tra: bản xuất còn được lọc theo trạng thái hiện tại của văn bản (${filtersText(c.filters)}), trạng thái này thay đổi theo thời gian nên không ai chạy lại được bộ lọc đó. ` +
        (c.database
          ? `Mỗi bản ghi trong tệp đều là bản ghi của cơ sở dữ liệu (cùng mã băm), thuộc phần còn lại của bộ lọc, tới bản ghi số ${c.headSeq}`
          : `Mỗi bản ghi trong tệp đều thuộc phần còn lại của bộ lọc, tới bản ghi số ${c.headSeq}; --database đối chiếu từng bản ghi với cơ sở dữ liệu`)
      );
  }
}

function completenessEn(c: ExportCompleteness): string {
  switch (c.kind) {
    case 'not-checked':
      return 'completeness NOT checked: without its manifest, a record removed from the file cannot be told (use --manifest, and --database)';
    case 'not-stated':
      return 'completeness NOT checked: a version 1 manifest of a filtered export states no selection; use --database';
    case 'whole-trail':
      return `complete: every record from seq 1 to the head seq ${c.headSeq} its manifest pinned`;
    case 'as-stated':
      return (
        `as its manifest states: ${c.count} records selected by its filter up to seq ${c.headSeq}. ` +
        'The manifest is not signed: this holds only for a manifest kept apart from the file; --database re-runs the filter on the trail itself'
      );
    case 'database':
      return `complete against the database: the manifest's filter re-run up to seq ${c.headSeq} selects exactly these ${c.count} records, with the same hashes`;
    case 'not-recheckable':
      return (
        `completeness NOT checkable: the export was also filtered by the dispatch's current state (${filtersText(c.filters)}), which moves on, so no one can re-run that filter. ` +
        (c.database
          ? `Every record of the file is the database's (same hash) and within the rest of the filter, up to seq ${c.headSeq}`
          : `Every record of the file is within the rest of the filter, up to seq ${c.headSeq}; --database compares each with the database`)
      );
  }
}

export const VERIFY_EXPORT_MESSAGES: Readonly<Record<CliLanguage, VerifyExportMessages>> = {
  vi: {
    summary: (result, completeness) =>
      result.ok
        ? `TOÀN VẸN: đã kiểm tra ${result.recordsChecked} bản ghi và ${result.linksChecked} liên kết giữa các bản ghi liền nhau` +
          (result.last ? `; bản ghi cuối số ${result.last.seq} ${result.last.hash}\n` : '\n') +
          `  ${completenessVi(completeness)}\n`
        : `SAI LỆCH tại dòng ${result.line}${result.seq === null ? '' : ` (bản ghi số ${result.seq})`}: ` +
          `${PROBLEM_VI[result.problem]}\n  ${result.detail}\n`,
    help: {
      description:
        'kiểm tra một bản xuất CSV: băm lại từng bản ghi, kiểm tra liên kết giữa các bản ghi liền nhau; với --manifest, bản xuất có đúng các bản ghi manifest nêu không; với --database, có đúng các bản ghi mà bộ lọc chạy lại trên cơ sở dữ liệu chọn không',
      file: 'tệp CSV do audit export ghi ra',
      manifest:
        'manifest ghi cùng bản xuất (audit export --manifest): bản xuất toàn bộ nhật ký phải có mọi bản ghi tới đầu chuỗi đã chốt; bản xuất có lọc phải có đúng số bản ghi và mã băm tập bản ghi mà manifest nêu (manifest không được ký: hãy giữ nó tách khỏi tệp)',
      database:
        'chạy lại bộ lọc của manifest trên cơ sở dữ liệu (DATABASE_URL) tới đầu chuỗi đã chốt và so từng bản ghi: nêu số thứ tự bản ghi bị thiếu, bị thêm hoặc bị sửa; đồng thời kiểm tra chuỗi tới đầu chuỗi đó như audit verify --anchor',
    },
  },
  en: {
    summary: (result, completeness) =>
      result.ok
        ? `OK: ${result.recordsChecked} records and ${result.linksChecked} links between consecutive records verified` +
          (result.last ? `; last record seq ${result.last.seq} ${result.last.hash}\n` : '\n') +
          `  ${completenessEn(completeness)}\n`
        : `BROKEN at line ${result.line}${result.seq === null ? '' : ` (seq ${result.seq})`}: ` +
          `${PROBLEM_EN[result.problem]}\n  ${result.detail}\n`,
    help: {
      description:
        'verify a CSV export: every record re-hashed, links between consecutive records checked; with --manifest, that it holds the records its manifest states; with --database, the records its filter re-run on the database selects',
      file: 'the CSV file audit export wrote',
      manifest:
        'the manifest written with the export (audit export --manifest): a whole-trail export must hold every record up to the head it pinned; a filtered one the count and digest of records it states (the manifest is not signed: keep it apart from the file)',
      database:
        "re-run the manifest's filter on the database (DATABASE_URL) up to the head it pinned and compare record by record: names the seq of a record missing, added or altered; also verifies the trail up to that head, as audit verify --anchor",
    },
  },
};

import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** `verify-export --database` re-runs the export's filter: only its manifest states it. Exit 2. */
export class ExportManifestRequiredError extends InvalidInputError {
  constructor() {
    super(
      'AUDIT_EXPORT_MANIFEST_REQUIRED',
      "--database re-runs the export's filter up to its head: give the export's --manifest FILE",
      {},
      {
        vi: '--database chạy lại bộ lọc của bản xuất tới đầu chuỗi đã chốt: cần --manifest FILE của bản xuất',
      },
    );
  }
}

import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** `verify-export --manifest FILE` is no manifest this version can hold an export to: exit 2. */
export class ExportManifestInvalidError extends InvalidInputError {
  constructor(path: string, reason: { en: string; vi: string }) {
    super(
      'AUDIT_EXPORT_MANIFEST_INVALID',
      `--manifest ${path}: ${reason.en}`,
      { path, reason: reason.en },
      { vi: `--manifest ${path}: ${reason.vi}` },
    );
  }
}

import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
} from '@docaxis/errors/domain-error-kinds';

/** The agency list given to the development PKI generator is unusable. */
export class DevAgenciesInvalidError extends InvalidInputError {
  constructor(problems: readonly string[]) {
    super(
      'DEV_PKI_AGENCIES_INVALID',
      `Invalid development agency list:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      { problems },
    );
  }
}

/** The output folder already holds something and overwriting was not asked for. */
export class DevPkiOutputExistsError extends ConflictError {
  constructor(outDir: string) {
    super(
      'DEV_PKI_OUTPUT_EXISTS',
      `${outDir} already exists: pass overwrite (CLI: --force) to replace it, or --if-missing to keep it`,
      { outDir },
    );
  }
}

/** No readable development PKI (manifest.json) in the folder. */
export class DevPkiNotFoundError extends NotFoundError {
  /** `reason`: why the folder holds no usable PKI (e.g. `no manifest.json`). */
  constructor(
    dir: string,
    readonly reason: string,
  ) {
    super(
      'DEV_PKI_NOT_FOUND',
      `No development PKI in ${dir} (${reason}); generate one with scripts/generate-dev-pki.ts`,
      { dir },
    );
  }
}

/** A lookup in a loaded development PKI named an agency or special certificate it does not hold. */
export class DevPkiEntryUnknownError extends NotFoundError {
  constructor(
    kind: 'agency' | 'special certificate' | 'CRL' | 'operator',
    name: string,
    known: readonly string[],
  ) {
    super(
      'DEV_PKI_ENTRY_UNKNOWN',
      `The development PKI has no ${kind} "${name}" (it has: ${known.join(', ')})`,
      { kind, name },
    );
  }
}

import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import type { DistinguishedName } from '@docaxis/signature/trust/distinguished-name';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCrl, type ParsedCrl } from './certificate-revocation-list';
import type { CrlSource } from './crl-source';

export interface CrlLoadProblem {
  file: string;
  error: string;
}

export interface DirectoryCrlSourceOptions {
  /**
   * Re-read the folder when the CRLs in memory are older than this (ms), before answering: CAs
   * publish new CRLs while the apps run, and a revocation they carry must not wait for a
   * restart. Unset, the folder is read once (the offline CLI, tests that reload explicitly).
   */
  refreshAfterMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * CRLs read from a local folder (DER `.crl` files or PEM `X509 CRL` blocks), parsed once and kept
 * in memory by issuer name. `reload()` re-reads the folder; with `refreshAfterMs` it is re-read
 * by itself when what is in memory gets older than that. An unreadable file is skipped and listed
 * in `problems`, it does not take the others down; an unreadable folder on a refresh keeps the
 * CRLs already loaded (they still expire at their nextUpdate) and is listed in `problems`.
 */
export class DirectoryCrlSource implements CrlSource {
  private byIssuer = new Map<string, ParsedCrl[]>();
  private loadProblems: CrlLoadProblem[] = [];
  /** Why the last refresh could not read the folder; cleared by the next successful read. */
  private folderProblem: CrlLoadProblem | undefined;
  private loadedAt = 0;
  private refreshing: Promise<void> | undefined;
  private readonly now: () => number;

  private constructor(
    private readonly dir: string,
    private readonly options: DirectoryCrlSourceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  static async load(
    dir: string,
    options: DirectoryCrlSourceOptions = {},
  ): Promise<DirectoryCrlSource> {
    const source = new DirectoryCrlSource(dir, options);
    await source.reload();
    return source;
  }

  get problems(): readonly CrlLoadProblem[] {
    return this.folderProblem ? [...this.loadProblems, this.folderProblem] : this.loadProblems;
  }

  get crlCount(): number {
    let count = 0;
    for (const list of this.byIssuer.values()) count += list.length;
    return count;
  }

  async reload(): Promise<void> {
    this.loadedAt = this.now();
    const byIssuer = new Map<string, ParsedCrl[]>();
    const seen = new Set<string>();
    const problems: CrlLoadProblem[] = [];
    for (const name of (await readdir(this.dir)).sort()) {
      const path = join(this.dir, name);
      if (!(await stat(path)).isFile()) continue;
      for (const der of derBlobsOf(await readFile(path), ['X509 CRL'])) {
        try {
          const crl = parseCrl(der);
          if (seen.has(crl.sha256)) continue; // the same CRL as DER and as PEM
          seen.add(crl.sha256);
          const key = crl.issuer.matchKey;
          byIssuer.set(key, [...(byIssuer.get(key) ?? []), crl]);
        } catch (error) {
          problems.push({
            file: name,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    }
    this.byIssuer = byIssuer;
    this.loadProblems = problems;
    this.folderProblem = undefined;
  }

  async crlsFor(issuer: DistinguishedName): Promise<readonly ParsedCrl[]> {
    const { refreshAfterMs } = this.options;
    if (refreshAfterMs !== undefined && this.now() - this.loadedAt >= refreshAfterMs) {
      // Concurrent verifications share one re-read.
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.byIssuer.get(issuer.matchKey) ?? [];
  }

  private async refresh(): Promise<void> {
    try {
      await this.reload();
    } catch (error) {
      this.folderProblem = {
        file: this.dir,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}

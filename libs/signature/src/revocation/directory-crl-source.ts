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

/**
 * CRLs read from a local folder (DER `.crl` files or PEM `X509 CRL` blocks), parsed once and kept
 * in memory by issuer name. `reload()` re-reads the folder (call it when CRLs are refreshed); an
 * unreadable file is skipped and listed in `problems`, it does not take the others down.
 */
export class DirectoryCrlSource implements CrlSource {
  private byIssuer = new Map<string, ParsedCrl[]>();
  private loadProblems: CrlLoadProblem[] = [];

  private constructor(private readonly dir: string) {}

  static async load(dir: string): Promise<DirectoryCrlSource> {
    const source = new DirectoryCrlSource(dir);
    await source.reload();
    return source;
  }

  get problems(): readonly CrlLoadProblem[] {
    return this.loadProblems;
  }

  get crlCount(): number {
    let count = 0;
    for (const list of this.byIssuer.values()) count += list.length;
    return count;
  }

  async reload(): Promise<void> {
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
  }

  crlsFor(issuer: DistinguishedName): Promise<readonly ParsedCrl[]> {
    return Promise.resolve(this.byIssuer.get(issuer.matchKey) ?? []);
  }
}

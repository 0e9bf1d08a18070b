import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One signature as poppler's pdfsig reports it. */
export interface PdfsigSignature {
  fieldName: string;
  signer: string;
  signatureValidation: string;
  certificateValidation: string;
  totalDocumentSigned: boolean;
  hash: string;
  type: string;
}

/**
 * Spec support: pdfsig (poppler-utils, NSS) with an NSS database of its own that trusts only the
 * given TEST root, as an independent reading of a PDF's signatures to cross-check ours against.
 */
export class Pdfsig {
  private files = 0;

  private constructor(
    private readonly workDir: string,
    private readonly nssDir: string,
  ) {}

  /** A fresh NSS database in a new folder under `parentDir`, trusting `rootCertPath`. */
  static trusting(rootCertPath: string, parentDir: string): Pdfsig {
    mkdirSync(parentDir, { recursive: true });
    const workDir = mkdtempSync(join(parentDir, 'pdfsig-'));
    const nssDir = join(workDir, 'nss');
    mkdirSync(nssDir);
    const database = `sql:${nssDir}`;
    run('certutil', ['-N', '-d', database, '--empty-password']);
    run('certutil', [
      '-A',
      '-d',
      database,
      '-n',
      'docaxis TEST root',
      '-t',
      'CT,C,C',
      '-i',
      rootCertPath,
    ]);
    return new Pdfsig(workDir, nssDir);
  }

  /** Each signature pdfsig finds, in its order; none when it finds none or cannot read the file. */
  signatures(pdf: Buffer): PdfsigSignature[] {
    this.files += 1;
    const path = join(this.workDir, `checked-${this.files}.pdf`);
    writeFileSync(path, pdf);
    // OCSP stays enabled: the TEST certificates name no responder, and with -no-ocsp poppler
    // 22.12 reports a stale NSS error ("Unknown issue") for certificates without EKU.
    const { output } = run('pdfsig', ['-nssdir', `sql:${this.nssDir}`, path], false);
    return output
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (label: string) =>
          new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1] ?? '';
        return {
          fieldName: field('Signature Field Name'),
          signer: field('Signer Certificate Common Name'),
          signatureValidation: field('Signature Validation'),
          certificateValidation: field('Certificate Validation'),
          totalDocumentSigned: /- Total document signed/.test(block),
          hash: field('Signing Hash Algorithm'),
          type: field('Signature Type'),
        };
      });
  }
}

function run(command: string, args: string[], mustSucceed = true): { output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (mustSucceed && result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`,
    );
  }
  return { output: `${result.stdout}${result.stderr}` };
}

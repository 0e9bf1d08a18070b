/**
 * `npm run sample`: writes a dispatch to send by hand with `docaxis send` (or curl) against the
 * service started with `npm start`: the demo's envelope with a fresh number and its two PDFs,
 * signed with the development TEST PKI. Each run writes a new number (a number is accepted once).
 *
 * `--out DIR` (default var/sample-dispatch); CERTS_DIR (default certs/dev) may be set.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { loadDevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { DEMO_SENDER, demoEnvelope, demoPdfs, freshDispatchNumber } from './demo-dispatch';

export interface SampleDispatchFiles {
  number: string;
  envelopePath: string;
  pdfPaths: string[];
}

export async function writeSampleDispatch(
  pki: DevPki,
  outDir: string,
): Promise<SampleDispatchFiles> {
  const number = freshDispatchNumber();
  mkdirSync(outDir, { recursive: true });
  removeEarlierSamples(outDir);
  const envelopePath = join(outDir, 'envelope.json');
  writeFileSync(envelopePath, `${JSON.stringify(demoEnvelope(pki, number), null, 2)}\n`);
  const pdfPaths: string[] = [];
  for (const pdf of await demoPdfs(pki, number)) {
    pdfPaths.push(join(outDir, pdf.name));
    writeFileSync(pdfPaths.at(-1)!, pdf.bytes);
  }
  return { number, envelopePath, pdfPaths };
}

/**
 * Each run names its công văn after its fresh number, so an earlier run's would stay beside the
 * new one and `docaxis send …/*.pdf` would send it again, with the wrong number (or signed by a
 * PKI since regenerated). Only files named as this script names them are removed.
 */
function removeEarlierSamples(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    if (SAMPLE_CONG_VAN.test(name)) rmSync(join(outDir, name));
  }
}

const SAMPLE_CONG_VAN = /^\d+-VPCP-KSTT\.pdf$/;

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const outDir = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'var/sample-dispatch');
  const pki = loadDevPki(resolve(process.env.CERTS_DIR ?? 'certs/dev'));
  const { number, envelopePath, pdfPaths } = await writeSampleDispatch(pki, outDir);
  // Short paths when the folder is under the working directory, absolute ones otherwise.
  const shown = (path: string) => {
    const local = relative(process.cwd(), path);
    return local.startsWith('..') ? path : local;
  };
  console.log(
    `Công văn ${number}/VPCP-KSTT from ${DEMO_SENDER}, signed with the TEST PKI, in ${shown(outDir)}. ` +
      `Send it as ${DEMO_SENDER} (the CLI's default certificate):\n` +
      `  npx docaxis send ${[envelopePath, ...pdfPaths].map(shown).join(' ')}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

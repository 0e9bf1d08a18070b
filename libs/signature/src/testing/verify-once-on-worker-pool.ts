/**
 * Spec support, run as a process of its own: `node -r ts-node/register/transpile-only
 * -r tsconfig-paths/register verify-once-on-worker-pool.ts CONFIG.json FILE.pdf`. Starts a
 * verification worker pool of two from the verifier configuration in CONFIG.json, verifies FILE
 * once, prints `verified <indication>` and returns without closing the pool: the process must
 * then exit by itself, since idle workers may not keep it alive.
 */
import { readFileSync } from 'node:fs';
import type { PdfSignatureVerifierConfig } from '../verification/pdf-signature-verifier';
import { PdfVerificationWorkerPool } from '../verification/worker-pool/pdf-verification-worker-pool';

async function verifyOnce(configPath: string, pdfPath: string): Promise<void> {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as PdfSignatureVerifierConfig;
  const pool = await PdfVerificationWorkerPool.start(config, 2);
  const report = await pool.verify(readFileSync(pdfPath));
  process.stdout.write(`verified ${report.indication}\n`);
}

const [configPath, pdfPath] = process.argv.slice(2);
verifyOnce(configPath, pdfPath).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

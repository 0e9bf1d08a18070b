/**
 * `npm run bench:verify [-- --seconds N | --quick]`: docaxis's full PDF signature verification
 * against the cost of the math alone, on a ~100 KB and a ~5 MB dispatch signed twice (leader,
 * then agency seal) by a TEST PKI generated for this run. Prints a Markdown table and writes
 * bench/results/verify-<timestamp>.json. Single process, one verification at a time; docaxis and
 * the baseline are measured in alternating slices (see measureAlternating).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { parseVerifyBenchArguments } from './verify/verify-bench-arguments';
import { BenchFailureError } from './support/bench-failure.error';
import { measureAlternating } from './support/throughput-meter';
import { RawVerificationBaseline, type SignedByteRange } from './verify/raw-verification-baseline';
import {
  markdownTable,
  targetMet,
  type VerifyBenchRow,
  type VerifyBenchTarget,
} from './verify/verify-bench-report';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

interface BenchCase {
  label: string;
  targetSizeBytes: number;
  target: VerifyBenchTarget;
}

const CASES: readonly BenchCase[] = [
  { label: '~100 KB', targetSizeBytes: 100 * 1024, target: { kind: 'per-second', minimum: 500 } },
  {
    label: '~5 MB',
    targetSizeBytes: 5 * 1024 * 1024,
    target: { kind: 'ratio-of-baseline', minimum: 0.7 },
  },
];

/** docaxis and the baseline alternate in this many slices of each measurement. */
const SLICES_PER_MEASUREMENT = 6;

async function main(): Promise<void> {
  const { secondsPerMeasurement } = parseVerifyBenchArguments(process.argv.slice(2));
  const repoRoot = resolve(__dirname, '..');
  const workDir = mkdtempSync(join(tmpdir(), 'docaxis-bench-verify-'));
  try {
    const { pki } = await ensureDevPki({
      outDir: join(workDir, 'pki'),
      agencies: readDevAgenciesFile(join(repoRoot, 'certs/dev-agencies.json')),
    });
    const agencyCode = pki.agencies[0].code;
    const verifier = await createDevPkiPdfVerifier(pki);

    // The two signing revisions add tens of KB (reserved /Contents): pad the unsigned PDF less,
    // so the signed file is the size the case is named after.
    const unsignedSize = (await buildUnsignedPdf()).length;
    const signingOverhead = (await signedDispatchPdf(pki, agencyCode)).length - unsignedSize;

    const rows: VerifyBenchRow[] = [];
    for (const benchCase of CASES) {
      const pdf = await signedDispatchPdf(pki, agencyCode, {
        unsigned: { targetSizeBytes: benchCase.targetSizeBytes - signingOverhead },
      });
      // Validate at one fixed instant so every iteration does the same work.
      const validationTime = new Date();
      const first = await verifier.verify(pdf, { validationTime });
      if (first.indication !== 'TOTAL-PASSED' || first.signatures.length !== 2) {
        throw new BenchFailureError(
          'BENCH_FIXTURE_NOT_VALID',
          `the ${benchCase.label} fixture does not verify (${first.indication} ${first.subIndication ?? ''}): ` +
            'measuring a failure path would be meaningless',
        );
      }
      const byteRanges: SignedByteRange[] = first.signatures.map((s) => s.coverage.byteRange);
      const baseline = new RawVerificationBaseline(pdf, byteRanges);

      const [docaxis, raw] = await measureAlternating(
        () => verifier.verify(pdf, { validationTime }),
        () => baseline.verifyOnce(),
        secondsPerMeasurement,
        SLICES_PER_MEASUREMENT,
      );
      const ratio = docaxis.perSecond / raw.perSecond;
      rows.push({
        label: benchCase.label,
        fileSizeBytes: pdf.length,
        signatures: first.signatures.length,
        docaxis,
        baseline: raw,
        ratio,
        target: benchCase.target,
        targetMet: targetMet(benchCase.target, docaxis.perSecond, ratio),
      });
    }

    const machine = {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      platform: `${process.platform} ${process.arch}`,
    };
    process.stdout.write(
      `\n## docaxis verify benchmark\n\n` +
        `${machine.node}, ${machine.cores} × ${machine.cpu}; ${secondsPerMeasurement} s per measurement, single process\n\n` +
        `${markdownTable(rows)}\n`,
    );
    const resultsDir = join(repoRoot, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const resultFile = join(
      resultsDir,
      `verify-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(
      resultFile,
      `${JSON.stringify({ benchmark: 'verify', at: new Date().toISOString(), secondsPerMeasurement, machine, rows }, null, 2)}\n`,
    );
    process.stdout.write(`\nResults written to ${resultFile}\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:verify failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});

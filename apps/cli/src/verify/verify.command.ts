import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { renderVerificationReportPdf } from '@docaxis/signature/report/verification-report-pdf';
import { EXIT_OK, EXIT_VERDICT_NOT_PASSED, type CliIo } from '../cli-io';
import { verifyFile, type FileVerification } from './file-verification';
import { ReportNotWritableError } from './report-not-writable.error';
import { languageOf, type CliLanguage } from '../cli-language';
import { REPORT_WORDING } from '@docaxis/signature/report/wording/report-wording.registry';
import { formatFileSummary, formatTotals } from './verify-summary.formatter';
import { createVerifyCommandVerifier } from './verify-verifier.factory';
import { VERIFY_MESSAGES } from './verify-messages';

interface VerifyCommandOptions {
  trustAnchor: string[];
  intermediate: string[];
  crl: string[];
  json: boolean;
  pdfReport?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `docaxis verify [--trust-anchor PEM]... [--intermediate PEM]... [--crl FILE]... [--json]
 * [--lang vi|en] [--pdf-report OUT.pdf] FILE...`: verifies the signatures of each PDF offline and,
 * with --pdf-report, also writes the readable PDF report of all files (both in the global --lang
 * language, words from the verification reports' own wording). The exit code is reported
 * through `setExitCode`: 0 when every file is TOTAL-PASSED, 1 otherwise. Trust material that
 * cannot be used throws (TrustMaterialError, ConfigValidationError): the caller maps it to 2.
 * Its help is in `helpLanguage`.
 */
export function registerVerifyCommand(
  program: Command,
  io: CliIo,
  helpLanguage: CliLanguage,
  setExitCode: (code: number) => void,
): void {
  const { help } = VERIFY_MESSAGES[helpLanguage];
  program
    .command('verify')
    .description(help.description)
    .argument('<files...>', help.files)
    .option('--trust-anchor <pem>', help.trustAnchor, collect, [])
    .option('--intermediate <pem>', help.intermediate, collect, [])
    .option('--crl <file>', help.crl, collect, [])
    .option('--json', help.json, false)
    .option('--pdf-report <file>', help.pdfReport)
    .action(async (files: string[], options: VerifyCommandOptions, command: Command) => {
      const language = languageOf(command);
      const verifier = await createVerifyCommandVerifier(
        {
          trustAnchors: options.trustAnchor,
          intermediates: options.intermediate,
          crls: options.crl,
        },
        io.env,
      );
      const validationTime = new Date();
      const results: FileVerification[] = [];
      for (const file of files) results.push(await verifyFile(verifier, file, validationTime));

      if (options.pdfReport) {
        const pdf = await renderVerificationReportPdf(
          results.map(({ file, report }) => ({ fileName: file, report })),
          { language, generatedAt: validationTime },
        );
        await writePdfReport(options.pdfReport, pdf);
      }
      if (options.json) {
        io.stdout.write(
          `${JSON.stringify(
            results.map(({ file, report }) => ({ file, ...report })),
            null,
            2,
          )}\n`,
        );
      } else {
        const words = REPORT_WORDING[language];
        io.stdout.write(
          `${results.map((result) => formatFileSummary(result, words)).join('\n')}\n` +
            formatTotals(results, words),
        );
      }
      const allPassed = results.every((result) => result.report.indication === 'TOTAL-PASSED');
      setExitCode(allPassed ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
    });
}

async function writePdfReport(path: string, pdf: Buffer): Promise<void> {
  try {
    await writeFile(resolve(path), pdf);
  } catch (error) {
    throw new ReportNotWritableError(path, error instanceof Error ? error.message : String(error));
  }
}

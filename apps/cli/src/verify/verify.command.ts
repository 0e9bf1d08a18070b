import { Command, Option } from 'commander';
import { EXIT_OK, EXIT_VERDICT_NOT_PASSED, type CliIo } from '../cli-io';
import { verifyFile, type FileVerification } from './file-verification';
import { SUMMARY_LANGUAGES, type SummaryLanguage } from './messages/summary-messages';
import { SUMMARY_MESSAGES } from './messages/summary-messages.registry';
import { formatFileSummary, formatTotals } from './verify-summary.formatter';
import { createVerifyCommandVerifier } from './verify-verifier.factory';

interface VerifyCommandOptions {
  trustAnchor: string[];
  intermediate: string[];
  crl: string[];
  json: boolean;
  lang: SummaryLanguage;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `docaxis verify [--trust-anchor PEM]... [--intermediate PEM]... [--crl FILE]... [--json]
 * [--lang vi|en] FILE...`: verifies the signatures of each PDF offline. The exit code is reported
 * through `setExitCode`: 0 when every file is TOTAL-PASSED, 1 otherwise. Trust material that
 * cannot be used throws (TrustMaterialError, ConfigValidationError): the caller maps it to 2.
 */
export function registerVerifyCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('verify')
    .description('verify the digital signatures of PDF files, offline')
    .argument('<files...>', 'PDF files to verify')
    .option('--trust-anchor <pem>', 'trusted root certificate (repeatable)', collect, [])
    .option('--intermediate <pem>', 'intermediate CA certificate (repeatable)', collect, [])
    .option('--crl <file>', 'CRL, DER or PEM (repeatable)', collect, [])
    .option('--json', 'print the JSON reports (an array, one per file)', false)
    .addOption(
      new Option('--lang <lang>', 'language of the summary')
        .choices(SUMMARY_LANGUAGES)
        .default('vi'),
    )
    .action(async (files: string[], options: VerifyCommandOptions) => {
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

      if (options.json) {
        io.stdout.write(
          `${JSON.stringify(
            results.map(({ file, report }) => ({ file, ...report })),
            null,
            2,
          )}\n`,
        );
      } else {
        const words = SUMMARY_MESSAGES[options.lang];
        io.stdout.write(
          `${results.map((result) => formatFileSummary(result, words)).join('\n')}\n` +
            formatTotals(results, words),
        );
      }
      const allPassed = results.every((result) => result.report.indication === 'TOTAL-PASSED');
      setExitCode(allPassed ? EXIT_OK : EXIT_VERDICT_NOT_PASSED);
    });
}

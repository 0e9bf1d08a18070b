import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import { languageOf } from '../cli-language';
import { CERTS_MESSAGES } from './certs-messages';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import { generateDevPki } from '@docaxis/signature/pki/dev-pki-generator';
import { loadDevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';

interface CertsDevOptions {
  out: string;
  agencies: string;
  ifMissing?: boolean;
  force?: boolean;
  json: boolean;
}

/**
 * `docaxis certs dev [--out DIR] [--agencies FILE] [--if-missing | --force]`: the development
 * PKI (TEST root and issuing CA, CRLs, per-agency seal, leader and client certificates).
 */
export function registerCertsCommand(program: Command, io: CliIo): void {
  program
    .command('certs')
    .description('certificates')
    .command('dev')
    .description('generate the development TEST PKI (never for production)')
    .option('--out <dir>', 'output folder', 'certs/dev')
    .option('--agencies <file>', 'agency list (JSON)', 'certs/dev-agencies.json')
    .option('--if-missing', 'keep an existing, still-fresh PKI')
    .addOption(new Option('--force', 'replace an existing PKI').conflicts('ifMissing'))
    .option('--json', 'print what was done as JSON', false)
    .action(async (options: CertsDevOptions, command: Command) => {
      const messages = CERTS_MESSAGES[languageOf(command)];
      const outDir = resolve(options.out);
      const agencies = readDevAgenciesFile(resolve(options.agencies));
      let generated: string | null = 'requested';
      if (options.ifMissing) {
        generated = (await ensureDevPki({ outDir, agencies })).generatedBecause;
      } else {
        await generateDevPki({ outDir, agencies, overwrite: options.force ?? false });
      }
      const pki = loadDevPki(outDir);
      const result = {
        outDir,
        generated: generated !== null,
        reason: generated,
        agencies: agencies.map((a) => a.code),
        trustDir: pki.trustDir,
        crlDir: pki.crlDir,
      };
      io.stdout.write(
        options.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${
              generated === null
                ? messages.kept(outDir)
                : messages.generated(outDir, agencies.length)
            }\n${messages.testOnly}\n`,
      );
    });
}

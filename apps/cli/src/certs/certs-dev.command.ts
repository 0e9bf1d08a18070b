import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli-io';
import { languageOf, type CliLanguage } from '../cli-language';
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
 * PKI (TEST root and issuing CA, CRLs, per-agency seal, leader and client certificates). Its
 * help is in `helpLanguage`.
 */
export function registerCertsCommand(program: Command, io: CliIo, helpLanguage: CliLanguage): void {
  const { help } = CERTS_MESSAGES[helpLanguage];
  program
    .command('certs')
    .description(help.description)
    .command('dev')
    .description(help.dev.description)
    .option('--out <dir>', help.dev.out, 'certs/dev')
    .option('--agencies <file>', help.dev.agencies, 'certs/dev-agencies.json')
    .option('--if-missing', help.dev.ifMissing)
    .addOption(new Option('--force', help.dev.force).conflicts('ifMissing'))
    .option('--json', help.dev.json, false)
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

import { Option, type Command } from 'commander';
import {
  REPORT_LANGUAGES,
  type ReportLanguage,
} from '@docaxis/signature/report/wording/report-wording';

/** The languages the CLI prints in: the same two the axis and the verification reports speak. */
export type CliLanguage = ReportLanguage;
export const CLI_LANGUAGES: readonly CliLanguage[] = REPORT_LANGUAGES;

/**
 * Adds the global `--lang vi|en` to `program`: the language of every human-readable line and of
 * the axis' refusals (sent as Accept-Language). Vietnamese by default; DOCAXIS_LANG from `env`
 * when the option is not given (read from the injected env rather than commander's own `.env()`,
 * which only sees process.env). Any other value, given or from DOCAXIS_LANG, is a usage error.
 * Machine-readable output (`--json`, exit codes, the formats of written files) ignores it.
 */
export function addLanguageOption(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .addOption(
      new Option('--lang <lang>', 'language of the output: vi (default) or en (env DOCAXIS_LANG)')
        .choices(CLI_LANGUAGES)
        .default('vi'),
    )
    .hook('preAction', () => {
      const fromEnv = env.DOCAXIS_LANG;
      if (program.getOptionValueSource('lang') !== 'default' || !fromEnv) return;
      if (!isCliLanguage(fromEnv)) {
        program.error(
          `error: DOCAXIS_LANG '${fromEnv}' is invalid. Allowed choices are ${CLI_LANGUAGES.join(', ')}.`,
          { code: 'docaxis.invalidLanguage' },
        );
      }
      program.setOptionValueWithSource('lang', fromEnv, 'env');
    });
}

/** The `--lang` in force for the command an action runs (given anywhere on the command line). */
export function languageOf(command: Command): CliLanguage {
  return command.optsWithGlobals<{ lang: CliLanguage }>().lang;
}

function isCliLanguage(value: string): value is CliLanguage {
  return (CLI_LANGUAGES as readonly string[]).includes(value);
}

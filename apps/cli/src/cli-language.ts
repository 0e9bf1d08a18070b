import { Option, type Command } from 'commander';
import { CLI_MESSAGES } from './cli-messages';
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
 * Machine-readable output (`--json`, exit codes, the formats of written files) ignores it. The
 * option's description and the refusal of DOCAXIS_LANG are worded in `helpLanguage`
 * (languageBeforeParsing).
 */
export function addLanguageOption(
  program: Command,
  env: NodeJS.ProcessEnv,
  helpLanguage: CliLanguage,
): void {
  const words = CLI_MESSAGES[helpLanguage];
  program
    .addOption(
      new Option('--lang <lang>', words.help.language).choices(CLI_LANGUAGES).default('vi'),
    )
    .hook('preAction', () => {
      const fromEnv = env.DOCAXIS_LANG;
      if (program.getOptionValueSource('lang') !== 'default' || !fromEnv) return;
      if (!isCliLanguage(fromEnv)) {
        program.error(words.invalidLanguageEnv(fromEnv, CLI_LANGUAGES), {
          code: 'docaxis.invalidLanguage',
        });
      }
      program.setOptionValueWithSource('lang', fromEnv, 'env');
    });
}

/**
 * The language of the help and of commander's usage errors, read from `argv` and `env` before
 * commander parses anything (it prints those while parsing): the last `--lang X` or `--lang=X`
 * before `--`, else DOCAXIS_LANG, else Vietnamese. A value that is no language counts as absent,
 * so commander refuses it in the default language. What a command prints once parsed follows
 * the parsed option (languageOf), which agrees except when `--lang` is another option's value.
 */
export function languageBeforeParsing(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): CliLanguage {
  let given: string | undefined;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    if (argv[i] === '--lang') given = argv[i + 1];
    else if (argv[i].startsWith('--lang=')) given = argv[i].slice('--lang='.length);
  }
  if (given !== undefined) return isCliLanguage(given) ? given : 'vi';
  const fromEnv = env.DOCAXIS_LANG;
  return fromEnv !== undefined && isCliLanguage(fromEnv) ? fromEnv : 'vi';
}

/** The `--lang` in force for the command an action runs (given anywhere on the command line). */
export function languageOf(command: Command): CliLanguage {
  return command.optsWithGlobals<{ lang: CliLanguage }>().lang;
}

function isCliLanguage(value: string): value is CliLanguage {
  return (CLI_LANGUAGES as readonly string[]).includes(value);
}

import { Command, CommanderError, Option } from 'commander';
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
  program.addOption(languageOption(words.help.language)).hook('preAction', () => {
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

/** The global option: one of CLI_LANGUAGES, Vietnamese unless given. */
function languageOption(description: string): Option {
  return new Option('--lang <lang>', description).choices(CLI_LANGUAGES).default('vi');
}

/**
 * The language of the help and of commander's usage errors, before commander parses anything
 * (it prints those while parsing): what commander itself will read, so that they agree with what
 * the command then prints. A program with the same `--lang` option parses `argv`'s options as the
 * docaxis program's first step does (its --lang wherever it stands, even after an option that
 * takes a value, not after `--`). When commander refuses a --lang (no value, not a language), the
 * language is the one in force at the refusal: an earlier --lang, else Vietnamese (the env is
 * never read then). Otherwise the --lang given, else DOCAXIS_LANG when it is a language, else
 * Vietnamese.
 */
export function languageBeforeParsing(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): CliLanguage {
  const probe = new Command()
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .addOption(languageOption(''));
  const parsed = () => probe.getOptionValue('lang') as CliLanguage;
  try {
    probe.parseOptions([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return parsed();
    throw error;
  }
  if (probe.getOptionValueSource('lang') !== 'default') return parsed();
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

import { CommanderError } from 'commander';
import { ConfigValidationError } from '@docaxis/config/config-validation.error';
import { DomainError } from '@docaxis/errors/domain-error';
import { UnavailableError } from '@docaxis/errors/domain-error-kinds';
import { EXIT_INTERNAL, EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE, type CliIo } from './cli-io';
import { languageBeforeParsing, type CliLanguage } from './cli-language';
import { CLI_MESSAGES } from './cli-messages';
import { apiFailure } from './api/api-exit-code';
import { createDocaxisProgram } from './docaxis-program';

/**
 * Runs the docaxis CLI on `argv` (the arguments after the program name) and resolves to the exit
 * code; never throws and never prints a stack trace. Usage errors (unknown option, missing file
 * argument, unusable trust material or configuration) exit 2; a database or service that cannot
 * be reached exits 3; anything else that stops a command exits 4, never a verdict's 1. What it
 * prints for people is in the global `--lang` (DOCAXIS_LANG; Vietnamese by default), an unknown
 * language being a usage error. The help and commander's usage errors are in that language too,
 * read from `argv` and the env before commander prints anything.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const setExitCode = (code: number): void => {
    exitCode = code;
  };
  const program = createDocaxisProgram(io, languageBeforeParsing(argv, io.env), setExitCode);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Set once commander has read the command line (a usage error below returns before it counts).
    const language = program.opts<{ lang?: CliLanguage }>().lang ?? 'vi';
    if (error instanceof CommanderError) {
      // Commander has already printed its message; --help and --version end with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const failure = apiFailure(error, language);
    if (failure) {
      io.stderr.write(`docaxis: ${failure.message}\n`);
      return failure.code;
    }
    if (error instanceof UnavailableError) {
      // A database or service that could not be reached: retrying may help.
      io.stderr.write(`docaxis: ${error.messageIn(language)}\n`);
      return EXIT_UNAVAILABLE;
    }
    if (error instanceof DomainError) {
      io.stderr.write(`docaxis: ${error.messageIn(language)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigValidationError) {
      io.stderr.write(`docaxis: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`docaxis: ${CLI_MESSAGES[language].unexpectedError(detail)}\n`);
    return EXIT_INTERNAL;
  }
}

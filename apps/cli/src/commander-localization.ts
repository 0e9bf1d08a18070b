import type { Command } from 'commander';
import type { CliLanguage } from './cli-language';
import { CLI_MESSAGES } from './cli-messages';
import { readCommanderUsageError } from './commander-usage-error';

/**
 * Makes commander speak `language` through its supported hooks: its usage errors
 * (configureOutput's outputError). Call it on the program before any command is added:
 * commander copies these settings to each subcommand when it is created.
 */
export function speakCommanderIn(program: Command, language: CliLanguage): Command {
  return program.configureOutput({
    outputError: (text, write) => write(rewordedUsageError(text, language)),
  });
}

/** A usage error commander wrote (with its final newline), in `language` when it is known. */
function rewordedUsageError(text: string, language: CliLanguage): string {
  const error = readCommanderUsageError(text.replace(/\n$/, ''));
  return error ? `${CLI_MESSAGES[language].usageError(error)}\n` : text;
}

import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
import type { CliLanguage } from './cli-language';
import { CLI_MESSAGES, type CliHelpWords, type CommanderHeading } from './cli-messages';
import { readCommanderUsageError } from './commander-usage-error';

/**
 * Makes commander speak `language` through its supported hooks: the help option and help
 * command's descriptions, the help's headings, usage placeholders and the `(choices: …,
 * default: …)` it appends (configureHelp), and its usage errors (configureOutput's outputError).
 * Call it on the program before any command is added: commander copies these settings to each
 * subcommand when it is created.
 */
export function speakCommanderIn(program: Command, language: CliLanguage): Command {
  const { help } = CLI_MESSAGES[language];
  return program
    .helpOption('-h, --help', help.displayHelp)
    .helpCommand(help.helpCommand, help.displayHelp)
    .configureHelp({ showGlobalOptions: true, ...localizedHelp(help) })
    .configureOutput({
      outputError: (text, write) => write(rewordedUsageError(text, language)),
    });
}

// Commander's own help, for the parts whose logic stays its own (which command names and
// placeholders a usage line has); only their words are replaced.
const commanderHelp = new Help();

function localizedHelp(words: CliHelpWords): HelpConfiguration {
  const placeholders = (usage: string): string =>
    usage
      .split(' ')
      .map((word) => {
        if (word === '[options]') return words.optionsPlaceholder;
        if (word === '[command]') return words.commandPlaceholder;
        return word;
      })
      .join(' ');
  return {
    styleTitle: (title) => words.headings[title as CommanderHeading] ?? title,
    commandUsage: (cmd) => placeholders(commanderHelp.commandUsage(cmd)),
    subcommandTerm: (cmd) => placeholders(commanderHelp.subcommandTerm(cmd)),
    optionDescription: (option) =>
      withExtraInfo(option.description, optionExtraInfo(option, words)),
    argumentDescription: (argument) =>
      withExtraInfo(argument.description, argumentExtraInfo(argument, words)),
  };
}

/** What commander appends to an option's description, by its rules (Help.optionDescription). */
function optionExtraInfo(option: Option, words: CliHelpWords): string[] {
  const extraInfo: string[] = [];
  if (option.argChoices) extraInfo.push(choicesInfo(option.argChoices, words));
  // A boolean's or a negation's default is shown only when it is a real boolean.
  const showDefault =
    option.required ||
    option.optional ||
    (option.isBoolean() && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault) {
    extraInfo.push(defaultInfo(option.defaultValue, option.defaultValueDescription, words));
  }
  if (option.presetArg !== undefined && option.optional) {
    extraInfo.push(`${words.preset}: ${JSON.stringify(option.presetArg)}`);
  }
  if (option.envVar !== undefined) extraInfo.push(`${words.env}: ${option.envVar}`);
  return extraInfo;
}

/** What commander appends to an argument's description (Help.argumentDescription). */
function argumentExtraInfo(argument: Argument, words: CliHelpWords): string[] {
  const extraInfo: string[] = [];
  if (argument.argChoices) extraInfo.push(choicesInfo(argument.argChoices, words));
  if (argument.defaultValue !== undefined) {
    extraInfo.push(defaultInfo(argument.defaultValue, argument.defaultValueDescription, words));
  }
  return extraInfo;
}

const choicesInfo = (choices: readonly string[], words: CliHelpWords): string =>
  `${words.choices}: ${choices.map((choice) => JSON.stringify(choice)).join(', ')}`;

const defaultInfo = (value: unknown, description: string | undefined, words: CliHelpWords) =>
  `${words.default}: ${description || JSON.stringify(value)}`;

function withExtraInfo(description: string, extraInfo: readonly string[]): string {
  if (extraInfo.length === 0) return description;
  const extra = `(${extraInfo.join(', ')})`;
  return description ? `${description} ${extra}` : extra;
}

/** A usage error commander wrote (with its final newline), in `language` when it is known. */
function rewordedUsageError(text: string, language: CliLanguage): string {
  const error = readCommanderUsageError(text.replace(/\n$/, ''));
  return error ? `${CLI_MESSAGES[language].usageError(error)}\n` : text;
}

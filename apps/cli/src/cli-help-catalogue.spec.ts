import type { Command } from 'commander';
import { CLI_LANGUAGES, type CliLanguage } from './cli-language';
import { createDocaxisProgram } from './docaxis-program';

const program = (language: CliLanguage): Command =>
  createDocaxisProgram(
    { stdout: process.stdout, stderr: process.stderr, env: {} },
    language,
    () => undefined,
  );

/** One line of the help that a catalogue words: a command, an argument or an option. */
interface HelpEntry {
  /** Where it is: the command path, then the argument or option (`docaxis send --to`). */
  path: string;
  description: string;
}

/** Every command, argument and option of the program built in `language`, with its wording. */
function helpEntries(language: CliLanguage): HelpEntry[] {
  const entries: HelpEntry[] = [];
  const walk = (command: Command, path: string): void => {
    entries.push({ path, description: command.description() });
    for (const argument of command.registeredArguments) {
      entries.push({ path: `${path} <${argument.name()}>`, description: argument.description });
    }
    const helper = command.createHelp();
    for (const option of helper.visibleOptions(command)) {
      entries.push({ path: `${path} ${option.flags}`, description: option.description });
    }
    for (const sub of helper.visibleCommands(command)) {
      // The help command's argument is named in each language ([lệnh], [command]).
      if (sub.name() === 'help')
        entries.push({ path: `${path} help`, description: sub.description() });
      else walk(sub, `${path} ${sub.name()}`);
    }
  };
  walk(program(language), 'docaxis');
  return entries;
}

/** Every command of the program built in `language`, with its help as `--help` prints it. */
function helpTexts(language: CliLanguage): { path: string; help: string }[] {
  const texts: { path: string; help: string }[] = [];
  const walk = (command: Command, path: string): void => {
    texts.push({ path, help: command.helpInformation() });
    for (const sub of command.commands) walk(sub, `${path} ${sub.name()}`);
  };
  walk(program(language), 'docaxis');
  return texts;
}

/**
 * The help catalogues are complete: every command, subcommand, argument and option (the help
 * option, the help command and the global --lang too) is described in each language, from the
 * catalogue of that language, and no English of commander's is left in the Vietnamese help.
 */
describe('docaxis help: the catalogues', () => {
  const byLanguage = Object.fromEntries(
    CLI_LANGUAGES.map((language) => [language, helpEntries(language)]),
  ) as Record<CliLanguage, HelpEntry[]>;

  it('builds the same commands, arguments and options in every language', () => {
    expect(byLanguage.vi.map((entry) => entry.path)).toEqual(
      byLanguage.en.map((entry) => entry.path),
    );
    expect(byLanguage.vi.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        'docaxis verify',
        'docaxis audit verify',
        'docaxis audit export --format <format>',
        'docaxis send <envelope>',
        'docaxis inbox',
        'docaxis fetch',
        'docaxis ack',
        'docaxis status <code>',
        'docaxis recall --reason <text>',
        'docaxis agencies revoke-cert <fingerprint>',
        'docaxis certs dev',
        'docaxis help',
        'docaxis --lang <lang>',
        'docaxis send -h, --help',
      ]),
    );
  });

  it.each(CLI_LANGUAGES)('describes every one of them in %s', (language) => {
    const undescribed = byLanguage[language].filter((entry) => entry.description.trim() === '');
    expect(undescribed.map((entry) => entry.path)).toEqual([]);
  });

  it('describes each one in Vietnamese apart from its English (no English left in vi)', () => {
    const same = byLanguage.vi.filter(
      (entry, i) => entry.description === byLanguage.en[i].description,
    );
    expect(same.map((entry) => entry.path)).toEqual([]);
  });

  it("leaves none of commander's English in the Vietnamese help of any command", () => {
    const english =
      /Usage:|Options:|Arguments:|Commands:|display help|\(default:|choices:|\[options\]|\[command\]/;
    const left = helpTexts('vi').filter(({ help }) => english.test(help));
    expect(left.map(({ path }) => path)).toEqual([]);
  });
});

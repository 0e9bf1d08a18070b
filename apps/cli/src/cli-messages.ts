import type { CliLanguage } from './cli-language';
import type {
  CommanderUsageError,
  ConflictingSource,
  InvalidValueReason,
} from './commander-usage-error';

/** The headings commander's help prints, as it names them to `styleTitle`. */
export type CommanderHeading =
  'Usage:' | 'Options:' | 'Commands:' | 'Arguments:' | 'Global Options:';

/** The words of the help around the commands' own descriptions, in one language. */
export interface CliHelpWords {
  programDescription: string;
  /** The global `--lang`. */
  language: string;
  /** `-h, --help` and the `help` command. */
  displayHelp: string;
  /** The `help` command's name and argument, as commander's `helpCommand` takes them. */
  helpCommand: string;
  headings: Readonly<Record<CommanderHeading, string>>;
  /** The placeholders of a usage line: `[options]`, `[command]`. */
  optionsPlaceholder: string;
  commandPlaceholder: string;
  /** The labels of what commander appends to a description: `(choices: …, default: …)`. */
  choices: string;
  default: string;
  preset: string;
  env: string;
}

/** What the CLI says on its own (not a command's lines), in each language. */
export interface CliMessages {
  /** A failure none of the commands expected (exit 4); `detail` is the error's own text. */
  unexpectedError: (detail: string) => string;
  /** DOCAXIS_LANG names no language (a usage error, exit 2). */
  invalidLanguageEnv: (value: string, choices: readonly string[]) => string;
  /** One of commander's usage errors (exit 2), worded from what it names. */
  usageError: (error: CommanderUsageError) => string;
  help: CliHelpWords;
}

function suggestionVi(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return `\n(Có phải ý bạn là ${suggestions[0]}?)`;
  return `\n(Có phải ý bạn là một trong: ${suggestions.join(', ')}?)`;
}

function suggestionEn(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return `\n(Did you mean ${suggestions[0]}?)`;
  return `\n(Did you mean one of ${suggestions.join(', ')}?)`;
}

const allowedVi = (choices: readonly string[]) => `Giá trị được phép: ${choices.join(', ')}.`;
const allowedEn = (choices: readonly string[]) => `Allowed choices are ${choices.join(', ')}.`;

const reasonVi = (reason: InvalidValueReason) =>
  reason.kind === 'choices' ? allowedVi(reason.choices) : reason.message;
const reasonEn = (reason: InvalidValueReason) =>
  reason.kind === 'choices' ? allowedEn(reason.choices) : reason.message;

const sourceVi = ({ source, name }: ConflictingSource) =>
  source === 'option' ? `tùy chọn '${name}'` : `biến môi trường '${name}'`;
const sourceEn = ({ source, name }: ConflictingSource) =>
  source === 'option' ? `option '${name}'` : `environment variable '${name}'`;

function usageErrorVi(error: CommanderUsageError): string {
  switch (error.kind) {
    case 'unknownOption':
      return `lỗi: không có tùy chọn '${error.flag}'${suggestionVi(error.suggestions)}`;
    case 'unknownCommand':
      return `lỗi: không có lệnh '${error.name}'${suggestionVi(error.suggestions)}`;
    case 'missingArgument':
      return `lỗi: thiếu tham số bắt buộc '${error.name}'`;
    case 'optionMissingArgument':
      return `lỗi: tùy chọn '${error.flags}' thiếu giá trị`;
    case 'missingMandatoryOption':
      return `lỗi: thiếu tùy chọn bắt buộc '${error.flags}'`;
    case 'invalidOptionArgument':
      return `lỗi: giá trị '${error.value}' của tùy chọn '${error.flags}' không hợp lệ. ${reasonVi(error.reason)}`;
    case 'excessArguments':
      return (
        `lỗi: quá nhiều tham số${error.command === null ? '' : ` cho lệnh '${error.command}'`}. ` +
        `Cần ${error.expected} tham số nhưng nhận được ${error.received}.`
      );
    case 'conflictingOption':
      return `lỗi: không dùng được ${sourceVi(error.option)} cùng với ${sourceVi(error.conflictsWith)}`;
  }
}

/** Commander's own English, word for word. */
function usageErrorEn(error: CommanderUsageError): string {
  switch (error.kind) {
    case 'unknownOption':
      return `error: unknown option '${error.flag}'${suggestionEn(error.suggestions)}`;
    case 'unknownCommand':
      return `error: unknown command '${error.name}'${suggestionEn(error.suggestions)}`;
    case 'missingArgument':
      return `error: missing required argument '${error.name}'`;
    case 'optionMissingArgument':
      return `error: option '${error.flags}' argument missing`;
    case 'missingMandatoryOption':
      return `error: required option '${error.flags}' not specified`;
    case 'invalidOptionArgument':
      return `error: option '${error.flags}' argument '${error.value}' is invalid. ${reasonEn(error.reason)}`;
    case 'excessArguments':
      return (
        `error: too many arguments${error.command === null ? '' : ` for '${error.command}'`}. ` +
        `Expected ${error.expected} argument${error.expected === 1 ? '' : 's'} but got ${error.received}.`
      );
    case 'conflictingOption':
      return `error: ${sourceEn(error.option)} cannot be used with ${sourceEn(error.conflictsWith)}`;
  }
}

export const CLI_MESSAGES: Readonly<Record<CliLanguage, CliMessages>> = {
  vi: {
    unexpectedError: (detail) => `lỗi không lường trước: ${detail}`,
    invalidLanguageEnv: (value, choices) =>
      `lỗi: giá trị '${value}' của DOCAXIS_LANG không hợp lệ. ${allowedVi(choices)}`,
    usageError: usageErrorVi,
    help: {
      programDescription: 'công cụ dòng lệnh của trục liên thông văn bản docaxis',
      language: 'ngôn ngữ hiển thị: vi (mặc định) hoặc en (biến môi trường DOCAXIS_LANG)',
      displayHelp: 'hiển thị trợ giúp của lệnh',
      helpCommand: 'help [lệnh]',
      headings: {
        'Usage:': 'Cách dùng:',
        'Options:': 'Tùy chọn:',
        'Commands:': 'Lệnh:',
        'Arguments:': 'Tham số:',
        'Global Options:': 'Tùy chọn chung:',
      },
      optionsPlaceholder: '[tùy chọn]',
      commandPlaceholder: '[lệnh]',
      choices: 'giá trị được phép',
      default: 'mặc định',
      preset: 'giá trị khi không nêu',
      env: 'biến môi trường',
    },
  },
  en: {
    unexpectedError: (detail) => `unexpected error: ${detail}`,
    invalidLanguageEnv: (value, choices) =>
      `error: DOCAXIS_LANG '${value}' is invalid. ${allowedEn(choices)}`,
    usageError: usageErrorEn,
    help: {
      programDescription: 'docaxis command-line tools',
      language: 'language of the output: vi (default) or en (env DOCAXIS_LANG)',
      displayHelp: 'display help for command',
      helpCommand: 'help [command]',
      headings: {
        'Usage:': 'Usage:',
        'Options:': 'Options:',
        'Commands:': 'Commands:',
        'Arguments:': 'Arguments:',
        'Global Options:': 'Global Options:',
      },
      optionsPlaceholder: '[options]',
      commandPlaceholder: '[command]',
      choices: 'choices',
      default: 'default',
      preset: 'preset',
      env: 'env',
    },
  },
};

import type { CliLanguage } from './cli-language';

/** What the CLI says on its own when a command stops, in each language. */
export interface CliMessages {
  /** A failure none of the commands expected (exit 4); `detail` is the error's own text. */
  unexpectedError: (detail: string) => string;
}

export const CLI_MESSAGES: Readonly<Record<CliLanguage, CliMessages>> = {
  vi: {
    unexpectedError: (detail) => `lỗi không lường trước: ${detail}`,
  },
  en: {
    unexpectedError: (detail) => `unexpected error: ${detail}`,
  },
};

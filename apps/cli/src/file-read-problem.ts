import type { CliLanguage } from './cli-language';

/** Why the operating system would not give a file's bytes, in words a clerk can act on. */
const REASONS: Readonly<Record<string, Readonly<Record<CliLanguage, string>>>> = {
  ENOENT: { vi: 'không có tệp này', en: 'no such file' },
  EISDIR: { vi: 'đây là thư mục, không phải tệp', en: 'it is a folder, not a file' },
  EACCES: { vi: 'không có quyền đọc', en: 'permission denied' },
  EPERM: { vi: 'không có quyền đọc', en: 'permission denied' },
};

/**
 * The reason a file named on the command line could not be read: the common ones worded in
 * `language`, any other as the system gives it.
 */
export function fileReadProblem(error: unknown, language: CliLanguage): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const worded = code ? REASONS[code]?.[language] : undefined;
  if (worded) return worded;
  return error instanceof Error ? error.message : String(error);
}

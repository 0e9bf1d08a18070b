import { EXIT_REFUSED, EXIT_UNAVAILABLE, EXIT_USAGE } from '../cli-io';
import type { CliLanguage } from '../cli-language';
import { ConnectionFileError } from './axis-connection';
import { AxisApiError, AxisUnreachableError } from './axis-api-error';
import { SendInputError } from '../dispatches/send-input.error';
import { DownloadCorruptedError } from '../dispatches/download-corrupted.error';
import { refusalIssueLines } from './refusal-issue-lines';

/**
 * The exit code and message of a failure of a command that talks to the axis, or undefined when
 * the error is not one of theirs: 1 refused by the axis (4xx, stable code printed), 2 unusable
 * input, 3 axis unreachable, failing (5xx) or a corrupted download (retrying may help). A
 * refusal's message is followed by its `details.issues`, one line each, in `language`: the
 * axis' message points at them.
 */
export function apiFailure(
  error: unknown,
  language: CliLanguage,
): { code: number; message: string } | undefined {
  if (error instanceof AxisApiError) {
    const issues = refusalIssueLines(error.code, error.details, language);
    return {
      code: error.status >= 500 ? EXIT_UNAVAILABLE : EXIT_REFUSED,
      message: [error.message, ...issues].join('\n'),
    };
  }
  if (error instanceof AxisUnreachableError || error instanceof DownloadCorruptedError) {
    return { code: EXIT_UNAVAILABLE, message: error.message };
  }
  if (error instanceof ConnectionFileError || error instanceof SendInputError) {
    return { code: EXIT_USAGE, message: error.message };
  }
  return undefined;
}

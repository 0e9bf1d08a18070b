import type { CliLanguage } from '../cli-language';
import { ENVELOPE_ISSUE_VI } from './envelope-issue-vi';

/** One entry of a refusal's `details.issues`: where (a field path, empty for the whole) and what. */
interface RefusalIssue {
  path: string;
  message: string;
  code?: string;
}

/**
 * The lines that list a refusal's `details.issues` (ENVELOPE_INVALID, a request body's schema
 * errors…), one per issue, field path first; none when `details` holds no issues. The axis
 * words the issues in English only: in Vietnamese an envelope issue is worded from its stable
 * code (named after it), any other keeps the axis' words.
 */
export function refusalIssueLines(
  refusalCode: string,
  details: unknown,
  language: CliLanguage,
): string[] {
  return issuesOf(details).map((issue) => {
    if (language === 'vi') {
      const where = issue.path || '(phong bì)';
      const known = refusalCode === 'ENVELOPE_INVALID' && issue.code && vietnameseOf(issue.code);
      return `  - ${where}: ${known ? `${known} (${issue.code})` : issue.message}`;
    }
    // An envelope issue's English already starts with its field (`dueDate (hạn xử lý) …`).
    return issue.message.startsWith(issue.path)
      ? `  - ${issue.message}`
      : `  - ${issue.path}: ${issue.message}`;
  });
}

function issuesOf(details: unknown): RefusalIssue[] {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (issue): issue is RefusalIssue =>
      typeof (issue as RefusalIssue | null)?.path === 'string' &&
      typeof (issue as RefusalIssue).message === 'string',
  );
}

function vietnameseOf(code: string): string | undefined {
  return Object.hasOwn(ENVELOPE_ISSUE_VI, code)
    ? ENVELOPE_ISSUE_VI[code as keyof typeof ENVELOPE_ISSUE_VI]
    : undefined;
}

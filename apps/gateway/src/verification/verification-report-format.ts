import type { Request } from 'express';
import {
  REPORT_LANGUAGES,
  type ReportLanguage,
} from '@docaxis/signature/report/wording/report-wording';
import { ReportLanguageInvalidError } from './verification.errors';

export const PDF_MEDIA_TYPE = 'application/pdf';

/** Whether the caller asks for the PDF report (`Accept: application/pdf`); JSON stays the default. */
export function prefersPdfReport(request: Pick<Request, 'accepts'>): boolean {
  return request.accepts(['application/json', PDF_MEDIA_TYPE]) === PDF_MEDIA_TYPE;
}

/**
 * The report language: `?lang=vi|en` when given (anything else is refused), else the first of
 * `Accept-Language` docaxis speaks, else Vietnamese.
 */
export function reportLanguageOf(
  request: Pick<Request, 'query' | 'acceptsLanguages'>,
): ReportLanguage {
  const asked = request.query.lang;
  if (asked !== undefined) {
    const language = REPORT_LANGUAGES.find((candidate) => candidate === asked);
    if (!language)
      throw new ReportLanguageInvalidError(
        typeof asked === 'string' ? asked : JSON.stringify(asked),
      );
    return language;
  }
  const accepted = request.acceptsLanguages(...REPORT_LANGUAGES);
  return REPORT_LANGUAGES.find((candidate) => candidate === accepted) ?? 'vi';
}

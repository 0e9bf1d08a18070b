import type { Request, Response } from 'express';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';
import {
  REPORT_LANGUAGES,
  type ReportLanguage,
} from '@docaxis/signature/report/wording/report-wording';

/** `?lang` named a language docaxis does not word its answers in. */
export class ResponseLanguageInvalidError extends InvalidInputError {
  constructor(asked: string) {
    super(
      'REPORT_LANGUAGE_INVALID',
      `The report language "${asked}" is not supported; use one of: ${REPORT_LANGUAGES.join(', ')}.`,
      { supported: [...REPORT_LANGUAGES] },
    );
  }
}

/**
 * The language the caller wants the answer worded in: `?lang=vi|en` when given (anything else is
 * refused), else the first of `Accept-Language` docaxis speaks, else Vietnamese.
 */
export function responseLanguageOf(
  request: Pick<Request, 'query' | 'acceptsLanguages'>,
): ReportLanguage {
  const asked = request.query.lang;
  if (asked !== undefined) {
    const language = REPORT_LANGUAGES.find((candidate) => candidate === asked);
    if (!language)
      throw new ResponseLanguageInvalidError(
        typeof asked === 'string' ? asked : JSON.stringify(asked),
      );
    return language;
  }
  const accepted = request.acceptsLanguages(...REPORT_LANGUAGES);
  return REPORT_LANGUAGES.find((candidate) => candidate === accepted) ?? 'vi';
}

/**
 * Says which language the answer is worded in; `Vary` because `Accept-Language` chose it, so a
 * cache must not hand this answer to a caller who asked for another.
 */
export function declareResponseLanguage(
  response: Pick<Response, 'setHeader' | 'vary'>,
  language: ReportLanguage,
): void {
  response.setHeader('Content-Language', language);
  response.vary('Accept-Language');
}

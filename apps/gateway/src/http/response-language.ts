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
      {
        vi: `Ngôn ngữ "${asked}" không được hỗ trợ; chỉ dùng một trong các giá trị: ${REPORT_LANGUAGES.join(', ')}.`,
      },
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
  return acceptedLanguageOf(request);
}

/**
 * The language an error is worded in: as `responseLanguageOf`, except that an unsupported `?lang`
 * falls back to `Accept-Language` (else Vietnamese) instead of being refused, since the refusal
 * itself must be worded in something.
 */
export function errorLanguageOf(
  request: Pick<Request, 'query' | 'acceptsLanguages'>,
): ReportLanguage {
  const asked = request.query.lang;
  return REPORT_LANGUAGES.find((candidate) => candidate === asked) ?? acceptedLanguageOf(request);
}

function acceptedLanguageOf(request: Pick<Request, 'acceptsLanguages'>): ReportLanguage {
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

import type { Request } from 'express';
import express from 'express';
import { prefersPdfReport, reportLanguageOf } from './verification-report-format';
import { ReportLanguageInvalidError } from './verification.errors';

/** A real express request (its accepts/acceptsLanguages), with the given headers and query. */
function requestWith(
  headers: Record<string, string>,
  query: Record<string, unknown> = {},
): Request {
  const request = Object.create(express.request) as Request;
  // Express 5 defines `query` as a getter on the prototype; shadow it on the instance.
  Object.defineProperty(request, 'headers', { value: headers });
  Object.defineProperty(request, 'query', { value: query });
  return request;
}

describe('verification report format negotiation', () => {
  it('keeps JSON the default and picks the PDF only when asked for', () => {
    expect(prefersPdfReport(requestWith({}))).toBe(false);
    expect(prefersPdfReport(requestWith({ accept: '*/*' }))).toBe(false);
    expect(prefersPdfReport(requestWith({ accept: 'application/json' }))).toBe(false);
    expect(prefersPdfReport(requestWith({ accept: 'application/pdf' }))).toBe(true);
    expect(
      prefersPdfReport(requestWith({ accept: 'application/pdf, application/json;q=0.5' })),
    ).toBe(true);
  });

  it('takes ?lang first, then Accept-Language, else Vietnamese', () => {
    expect(reportLanguageOf(requestWith({}))).toBe('vi');
    expect(reportLanguageOf(requestWith({ 'accept-language': 'fr' }))).toBe('vi');
    expect(reportLanguageOf(requestWith({ 'accept-language': 'en-US,en;q=0.9' }))).toBe('en');
    expect(reportLanguageOf(requestWith({ 'accept-language': 'en' }, { lang: 'vi' }))).toBe('vi');
    expect(reportLanguageOf(requestWith({}, { lang: 'en' }))).toBe('en');
  });

  it('refuses an unsupported ?lang with a stable code', () => {
    expect(() => reportLanguageOf(requestWith({}, { lang: 'fr' }))).toThrow(
      ReportLanguageInvalidError,
    );
    expect(() => reportLanguageOf(requestWith({}, { lang: ['en', 'vi'] }))).toThrow(
      expect.objectContaining({ code: 'REPORT_LANGUAGE_INVALID' }),
    );
  });
});

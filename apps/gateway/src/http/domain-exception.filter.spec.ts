import {
  type ArgumentsHost,
  BadGatewayException,
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ConflictError, UnavailableError } from '@docaxis/errors/domain-error-kinds';
import { expressRequestWith } from '@docaxis/testing/express-request';
import { WebhookHostLookupFailedError } from '../webhooks/webhook.errors';
import { DomainExceptionFilter } from './domain-exception.filter';

/** The headers every worded error answer carries when Vietnamese was chosen. */
const VI = { 'content-language': 'vi', vary: 'Accept-Language' } as const;
const EN = { 'content-language': 'en', vary: 'Accept-Language' } as const;

/** What the filter answered to a caller sending these headers and query: status and JSON body. */
function answerTo(
  exception: unknown,
  asked: { headers?: Record<string, string>; query?: Record<string, unknown> } = {},
): {
  status: number;
  body: unknown;
  headers: Record<string, string>;
} {
  const answer = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      answer.headers[name.toLowerCase()] = value;
      return response;
    },
    vary(field: string) {
      answer.headers.vary = field;
      return response;
    },
    status(status: number) {
      answer.status = status;
      return response;
    },
    json(body: unknown) {
      answer.body = body;
      return response;
    },
  };
  const request = expressRequestWith(asked.headers ?? {}, asked.query);
  Object.defineProperties(request, {
    method: { value: 'GET' },
    originalUrl: { value: '/health/ready' },
    path: { value: '/health/ready' },
  });
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
  new DomainExceptionFilter().catch(exception, host);
  return answer;
}

/** Terminus' result when the blob store check is down. */
const FAILED_READINESS = {
  status: 'error',
  info: { database: { status: 'up' } },
  error: { blobStore: { status: 'down', message: 'not readable and writable' } },
  details: {
    database: { status: 'up' },
    blobStore: { status: 'down', message: 'not readable and writable' },
  },
};

describe('DomainExceptionFilter', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('passes a failed readiness check through as terminus answers it: 503 and its own body', () => {
    // What HealthCheckService.check() throws when a check is down.
    const thrown = new ServiceUnavailableException(structuredClone(FAILED_READINESS));

    expect(answerTo(thrown)).toEqual({ status: 503, body: FAILED_READINESS, headers: {} });
  });

  it('keeps the status of any other HTTP exception ≥ 500, in the error body with an error id', () => {
    const draining = answerTo(new ServiceUnavailableException('The gateway is draining.'), {
      headers: { 'accept-language': 'en' },
    });
    expect(draining).toEqual({
      status: 503,
      headers: EN,
      body: {
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'The gateway is draining.',
          errorId: expect.any(String),
        },
      },
    });

    const upstream = answerTo(new BadGatewayException());
    expect(upstream).toMatchObject({ status: 502, body: { error: { code: 'BAD_GATEWAY' } } });
  });

  it('still maps domain errors, 4xx framework errors and the unexpected as before', () => {
    const duplicate = new ConflictError('DISPATCH_DUPLICATE', 'Already accepted.', undefined, {
      vi: 'Đã tiếp nhận.',
    });
    expect(answerTo(duplicate, { query: { lang: 'en' } })).toEqual({
      status: 409,
      body: { error: { code: 'DISPATCH_DUPLICATE', message: 'Already accepted.' } },
      headers: EN,
    });
    expect(answerTo(new NotFoundException())).toMatchObject({
      status: 404,
      body: { error: { code: 'ROUTE_NOT_FOUND' } },
    });
    expect(answerTo(new Error('secret connection string'))).toEqual({
      status: 500,
      headers: VI,
      body: {
        error: {
          code: 'INTERNAL_ERROR',
          message: expect.not.stringContaining('secret'),
          errorId: expect.any(String),
        },
      },
    });
  });

  it('sends Retry-After when a domain error says when to try again, and only a whole positive number', () => {
    const busy = new UnavailableError('SUBMISSION_BACKLOG_FULL', 'Busy.', { retryAfterSeconds: 2 });
    expect(answerTo(busy)).toEqual({
      status: 503,
      headers: { 'retry-after': '2', ...VI },
      body: {
        error: {
          code: 'SUBMISSION_BACKLOG_FULL',
          message: 'Busy.',
          details: { retryAfterSeconds: 2 },
        },
      },
    });
    const lookup = answerTo(
      new WebhookHostLookupFailedError({ en: 'EAI_AGAIN', vi: 'EAI_AGAIN' }, 30),
    );
    expect(lookup).toMatchObject({ status: 503, headers: { 'retry-after': '30' } });
    expect(lookup.body).toMatchObject({ error: { code: 'WEBHOOK_HOST_LOOKUP_FAILED' } });
    for (const retryAfterSeconds of [0, 1.5, '2', -1]) {
      const odd = new UnavailableError('X', 'x', { retryAfterSeconds });
      expect(answerTo(odd).headers).toEqual(VI);
    }
  });

  describe('the language of the message', () => {
    const recalled = new ConflictError(
      'DISPATCH_ALREADY_RECALLED',
      'Dispatch d-1 was already recalled.',
      { dispatchId: 'd-1' },
      { vi: 'Văn bản d-1 đã được thu hồi trước đó.' },
    );

    it('is Vietnamese by default, with Content-Language and Vary saying so', () => {
      expect(answerTo(recalled)).toEqual({
        status: 409,
        headers: VI,
        body: {
          error: {
            code: 'DISPATCH_ALREADY_RECALLED',
            message: 'Văn bản d-1 đã được thu hồi trước đó.',
            details: { dispatchId: 'd-1' },
          },
        },
      });
      // A language docaxis does not speak is no reason to answer in English.
      expect(answerTo(recalled, { headers: { 'accept-language': 'fr' } })).toMatchObject({
        headers: VI,
        body: { error: { message: 'Văn bản d-1 đã được thu hồi trước đó.' } },
      });
    });

    it('is English with Accept-Language: en or ?lang=en, ?lang winning over the header', () => {
      const english = {
        headers: EN,
        body: { error: { message: 'Dispatch d-1 was already recalled.' } },
      };
      expect(
        answerTo(recalled, { headers: { 'accept-language': 'en-GB,vi;q=0.5' } }),
      ).toMatchObject(english);
      expect(answerTo(recalled, { query: { lang: 'en' } })).toMatchObject(english);
      expect(
        answerTo(recalled, { headers: { 'accept-language': 'en' }, query: { lang: 'vi' } }),
      ).toMatchObject({ headers: VI });
    });

    it('falls back to Accept-Language when ?lang is not one docaxis speaks, instead of failing', () => {
      expect(
        answerTo(recalled, { headers: { 'accept-language': 'en' }, query: { lang: 'fr' } }),
      ).toMatchObject({ headers: EN });
      expect(answerTo(recalled, { query: { lang: ['en', 'vi'] } })).toMatchObject({ headers: VI });
    });

    it('is English for an error that has no Vietnamese wording, rather than nothing', () => {
      const internal = new ConflictError('X', 'English only.');
      expect(answerTo(internal)).toMatchObject({ body: { error: { message: 'English only.' } } });
    });

    it('words body-parser failures, framework errors and the unexpected in both languages', () => {
      const notJson = Object.assign(new Error('Unexpected token'), {
        type: 'entity.parse.failed',
        status: 400,
        expose: true,
      });
      expect(answerTo(notJson)).toMatchObject({
        status: 400,
        headers: VI,
        body: {
          error: { code: 'BAD_REQUEST', message: 'Nội dung yêu cầu không phải là JSON hợp lệ.' },
        },
      });
      expect(answerTo(notJson, { query: { lang: 'en' } })).toMatchObject({
        body: { error: { message: 'The request body is not valid JSON.' } },
      });

      const noRoute = new NotFoundException('Cannot GET /health/ready');
      expect(answerTo(noRoute)).toMatchObject({
        headers: VI,
        body: {
          error: {
            code: 'ROUTE_NOT_FOUND',
            message: 'Không tìm thấy đường dẫn GET /health/ready trên trục.',
          },
        },
      });
      expect(answerTo(noRoute, { headers: { 'accept-language': 'en' } })).toMatchObject({
        body: { error: { message: 'Cannot GET /health/ready' } },
      });

      // Nest's bare 400s for a body that is not JSON and a path whose %-encoding is broken.
      const vietnameseOf = (exception: unknown) =>
        (answerTo(exception).body as { error: { message: string } }).error.message;
      expect(vietnameseOf(new BadRequestException('Unexpected end of JSON input'))).toBe(
        'Nội dung yêu cầu không phải là JSON hợp lệ.',
      );
      expect(vietnameseOf(new BadRequestException("Failed to decode param '%E0%A4%A'"))).toBe(
        'Đường dẫn có chuỗi mã hóa phần trăm (%) không hợp lệ.',
      );
      expect(vietnameseOf(new BadRequestException('Something else'))).toBe('Yêu cầu không hợp lệ.');
      expect(vietnameseOf(new HttpException('Teapot', 418))).toBe(
        'Yêu cầu không được chấp nhận (HTTP 418).',
      );

      expect(answerTo(new Error('boom'))).toMatchObject({
        body: {
          error: { code: 'INTERNAL_ERROR', message: expect.stringContaining('thử lại sau') },
        },
      });
      expect(answerTo(new Error('boom'), { query: { lang: 'en' } })).toMatchObject({
        body: { error: { message: expect.stringContaining('retry later') } },
      });
    });
  });
});

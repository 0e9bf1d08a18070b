import {
  type ArgumentsHost,
  BadGatewayException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ConflictError, UnavailableError } from '@docaxis/errors/domain-error-kinds';
import { WebhookHostLookupFailedError } from '../webhooks/webhook.errors';
import { DomainExceptionFilter } from './domain-exception.filter';

/** What the filter answered: status and JSON body. */
function answerTo(exception: unknown): {
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
    status(status: number) {
      answer.status = status;
      return response;
    },
    json(body: unknown) {
      answer.body = body;
      return response;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => response,
      getRequest: () => ({ method: 'GET', originalUrl: '/health/ready' }),
    }),
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
    const draining = answerTo(new ServiceUnavailableException('The gateway is draining.'));
    expect(draining).toEqual({
      status: 503,
      headers: {},
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
    expect(answerTo(new ConflictError('DISPATCH_DUPLICATE', 'Already accepted.'))).toEqual({
      status: 409,
      body: { error: { code: 'DISPATCH_DUPLICATE', message: 'Already accepted.' } },
      headers: {},
    });
    expect(answerTo(new NotFoundException())).toMatchObject({
      status: 404,
      body: { error: { code: 'ROUTE_NOT_FOUND' } },
    });
    expect(answerTo(new Error('secret connection string'))).toEqual({
      status: 500,
      headers: {},
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
      headers: { 'retry-after': '2' },
      body: {
        error: {
          code: 'SUBMISSION_BACKLOG_FULL',
          message: 'Busy.',
          details: { retryAfterSeconds: 2 },
        },
      },
    });
    const lookup = answerTo(new WebhookHostLookupFailedError('EAI_AGAIN', 30));
    expect(lookup).toMatchObject({ status: 503, headers: { 'retry-after': '30' } });
    expect(lookup.body).toMatchObject({ error: { code: 'WEBHOOK_HOST_LOOKUP_FAILED' } });
    for (const retryAfterSeconds of [0, 1.5, '2', -1]) {
      const odd = new UnavailableError('X', 'x', { retryAfterSeconds });
      expect(answerTo(odd).headers).toEqual({});
    }
  });
});

import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@docaxis/errors/domain-error';
import { httpStatusForKind } from '@docaxis/errors/http-status-for-kind';
import type { ReportLanguage } from '@docaxis/signature/report/wording/report-wording';
import { bodyParserFailureOf } from './body-parser-failure';
import { frameworkErrorMessage, INTERNAL_ERROR_MESSAGE } from './framework-error-wording';
import { healthCheckFailureOf } from './health-check-failure';
import { declareResponseLanguage, errorLanguageOf } from './response-language';

/** The body of every error the API returns. */
export interface ErrorBody {
  error: {
    code: string;
    /** In the negotiated language (Vietnamese by default); `Content-Language` says which. */
    message: string;
    details?: Readonly<Record<string, unknown>>;
    /** Present on 5xx: quote it to the operators; the same id is in the server log. */
    errorId?: string;
  };
}

/** Stable codes for framework-level HTTP errors that carry no domain code of their own. */
const CODE_FOR_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/**
 * The one place where errors become HTTP responses: typed domain errors keep their stable code
 * and map their kind to a status; framework HTTP errors keep theirs (a failed readiness check
 * keeps terminus' own body); anything unexpected is a 500 with an error id that is logged. The
 * message is worded in the caller's language, as every other answer is: Vietnamese unless
 * `?lang=en` or `Accept-Language: en` asks for English.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const language = errorLanguageOf(request);
    const { status, body } = this.toResponse(exception, request, language);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // Terminus' readiness body is the one answer not worded in a language.
    if (!healthCheckFailureOf(exception)) declareResponseLanguage(response, language);
    const retryAfterSeconds = retryAfterOf(exception);
    if (retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(retryAfterSeconds));
    response.status(status).json(body);
  }

  private toResponse(
    exception: unknown,
    request: Request,
    language: ReportLanguage,
  ): { status: number; body: ErrorBody | HealthCheckResult } {
    if (exception instanceof DomainError) {
      const status = httpStatusForKind(exception.kind);
      const { code, details } = exception;
      return { status, body: { error: { code, message: exception.messageIn(language), details } } };
    }
    const bodyFailure = bodyParserFailureOf(exception);
    if (bodyFailure) {
      const { status, code, message, messageVi } = bodyFailure;
      return {
        status,
        body: { error: { code, message: language === 'vi' ? messageVi : message } },
      };
    }
    const healthFailure = healthCheckFailureOf(exception);
    if (healthFailure) {
      // Terminus has already logged the failing checks.
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: healthFailure };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_FOR_STATUS[status] ?? `HTTP_${status}`;
      const message = frameworkErrorMessage(exception, request, language);
      if (status < 500) return { status, body: { error: { code, message } } };
      // Thrown on purpose with a status and a message meant for the caller (e.g. 503 while
      // draining): kept, with an error id for the operators as on every 5xx.
      const errorId = this.logUnexpected(exception, request);
      return { status, body: { error: { code, message, errorId } } };
    }
    const errorId = this.logUnexpected(exception, request);
    const message = INTERNAL_ERROR_MESSAGE[language];
    return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message, errorId } } };
  }

  /** Logs a server-side failure under a fresh error id, which the answer quotes. */
  private logUnexpected(exception: unknown, request: Request): string {
    const errorId = randomUUID();
    this.logger.error(
      { errorId, method: request.method, url: request.originalUrl, err: exception },
      'Unhandled error while serving a request',
    );
    return errorId;
  }
}

/**
 * A domain error that knows when to try again says so in `details.retryAfterSeconds`; HTTP
 * clients and proxies read it from the Retry-After header.
 */
function retryAfterOf(exception: unknown): number | undefined {
  if (!(exception instanceof DomainError)) return undefined;
  const seconds = exception.details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0
    ? seconds
    : undefined;
}

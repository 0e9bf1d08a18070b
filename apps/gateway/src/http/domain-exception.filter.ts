import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@docaxis/errors/domain-error';
import { httpStatusForKind } from '@docaxis/errors/http-status-for-kind';
import { bodyParserFailureOf } from './body-parser-failure';

/** The body of every error the API returns. */
export interface ErrorBody {
  error: {
    code: string;
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
};

/**
 * The one place where errors become HTTP responses: typed domain errors keep their stable code
 * and map their kind to a status; anything unexpected is a 500 with an error id that is logged.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body } = this.toResponse(exception, request);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(status).json(body);
  }

  private toResponse(exception: unknown, request: Request): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const status = httpStatusForKind(exception.kind);
      return {
        status,
        body: {
          error: { code: exception.code, message: exception.message, details: exception.details },
        },
      };
    }
    const bodyFailure = bodyParserFailureOf(exception);
    if (bodyFailure) {
      const { status, code, message } = bodyFailure;
      return { status, body: { error: { code, message } } };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      return {
        status,
        body: {
          error: { code: CODE_FOR_STATUS[status] ?? `HTTP_${status}`, message: exception.message },
        },
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      { errorId, method: request.method, url: request.originalUrl, err: exception },
      'Unhandled error while serving a request',
    );
    return {
      status: 500,
      body: {
        error: {
          code: 'INTERNAL_ERROR',
          message:
            'The axis could not complete the request. Nothing you sent was lost; retry later.',
          errorId,
        },
      },
    };
  }
}

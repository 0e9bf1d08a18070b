import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { DomainError } from '@docaxis/errors/domain-error';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import {
  EnvelopeTooLargeError,
  FileTooLargeError,
  MultipartInvalidError,
  TooManyFilesError,
} from './dispatch-submission.errors';

/**
 * Parses `multipart/form-data` (field `envelope`, file parts `files`) with hard limits, and turns
 * multer's failures into typed errors with stable codes (Nest's own multer wrapper keeps only a
 * message). Files stay in memory: they are bounded by the limits and hashed right away.
 */
@Injectable()
export class MultipartUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<typeof multer>;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.upload = multer({
      storage: multer.memoryStorage(),
      // Browsers and curl send file names as raw UTF-8; busboy's latin1 default garbles Vietnamese.
      defParamCharset: 'utf8',
      limits: {
        fileSize: config.MAX_FILE_BYTES,
        files: config.MAX_FILES_PER_DISPATCH,
        fieldSize: config.MAX_ENVELOPE_BYTES,
        fields: 5,
        parts: config.MAX_FILES_PER_DISPATCH + 5,
        headerPairs: 200,
      },
    });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (!request.is('multipart/form-data')) {
      throw new MultipartInvalidError('Content-Type must be multipart/form-data');
    }
    await new Promise<void>((resolve, reject) => {
      this.upload.fields([{ name: 'files', maxCount: this.config.MAX_FILES_PER_DISPATCH }])(
        request,
        http.getResponse<Response>(),
        (error: unknown) => (error ? reject(this.translate(error)) : resolve()),
      );
    });
    return next.handle();
  }

  private translate(error: unknown): Error {
    if (error instanceof DomainError) return error;
    if (error instanceof MulterError) {
      switch (error.code) {
        case 'LIMIT_FILE_SIZE':
          return new FileTooLargeError(this.config.MAX_FILE_BYTES);
        case 'LIMIT_FILE_COUNT':
          return new TooManyFilesError(this.config.MAX_FILES_PER_DISPATCH);
        case 'LIMIT_FIELD_VALUE':
          return new EnvelopeTooLargeError(this.config.MAX_ENVELOPE_BYTES);
        case 'LIMIT_UNEXPECTED_FILE':
          return new MultipartInvalidError(
            `unexpected file field "${error.field ?? ''}" (use "files")`,
          );
        default:
          return new MultipartInvalidError(error.message);
      }
    }
    // busboy's parse errors (truncated body, bad boundary) arrive as plain Errors.
    return new MultipartInvalidError(error instanceof Error ? error.message : String(error));
  }
}

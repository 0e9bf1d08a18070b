import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { multipartUploadReader, type MultipartUploadReader } from './multipart-upload';

/**
 * Reads a `multipart/form-data` upload of PDFs (file parts `files`) with hard limits and typed
 * refusals (multipart-upload.ts), before the handler runs.
 */
@Injectable()
export class MultipartUploadInterceptor implements NestInterceptor {
  private readonly read: MultipartUploadReader;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.read = multipartUploadReader(config, {
      envelopeFilePart: false,
      filePieces: false,
    });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await this.read(http.getRequest<Request>(), http.getResponse<Response>());
    return next.handle();
  }
}

import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { raw } from 'body-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { Observable } from 'rxjs';
import { EdxmlMalformedError, EdxmlTooLargeError } from '@docaxis/edxml/packet/edxml-errors';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { MultipartUploadInterceptor } from '../dispatches/multipart-upload.interceptor';
import { EDXML_MEDIA_TYPES } from './edxml-media-types';
import { edxmlPacketLimitBytes } from './edxml-packet-limit';

interface BodyParserError {
  type?: string;
  length?: number;
  received?: number;
  message?: string;
}

/**
 * The body of POST /dispatches: an edXML packet (`application/xml`, `text/xml`) is read raw into
 * a Buffer, capped at the packet limit, for this route only; anything else goes through the
 * multipart interceptor unchanged.
 */
@Injectable()
export class DispatchSubmissionBodyInterceptor implements NestInterceptor {
  private readonly limitBytes: number;
  private readonly readPacket: RequestHandler;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly multipart: MultipartUploadInterceptor,
  ) {
    this.limitBytes = edxmlPacketLimitBytes(config);
    this.readPacket = raw({ type: [...EDXML_MEDIA_TYPES], limit: this.limitBytes });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (!isEdxmlRequest(request)) return this.multipart.intercept(context, next);
    await new Promise<void>((resolve, reject) => {
      this.readPacket(request, http.getResponse<Response>(), (error?: unknown) =>
        error ? reject(this.translate(error)) : resolve(),
      );
    });
    // An empty body leaves no Buffer behind; the parser then reports it as malformed.
    if (!Buffer.isBuffer(request.body)) request.body = Buffer.alloc(0);
    return next.handle();
  }

  private translate(error: BodyParserError): Error {
    if (error.type === 'entity.too.large') {
      return new EdxmlTooLargeError(
        error.length ?? error.received ?? this.limitBytes + 1,
        this.limitBytes,
      );
    }
    return new EdxmlMalformedError(error.message ?? 'the request body could not be read');
  }
}

/** Whether POST /dispatches carries a whole packet as its body. */
export function isEdxmlRequest(request: Request): boolean {
  return Boolean(request.is([...EDXML_MEDIA_TYPES]));
}

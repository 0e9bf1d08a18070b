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
import type { RequestWithAgency } from '../auth/client-certificate.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { isEdxmlRequest } from '../edxml/edxml-media-types';
import { EDXML_MEDIA_TYPES } from '../edxml/edxml-media-types';
import { EdxmlStatusPacketAdapter } from './edxml-status-packet.adapter';
import type { RequestWithStatusPacketSignature } from './status-packet-signature.decorator';

/**
 * Lets `POST /dispatches/:id/status` take an edXML status packet (`application/xml`): the packet
 * is read raw (capped at MAX_ENVELOPE_BYTES), checked and turned into the JSON notice body the
 * route's handler expects, its signature report set beside it (`PostedPacketSignature`). JSON
 * requests pass untouched.
 */
@Injectable()
export class StatusPacketBodyInterceptor implements NestInterceptor {
  private readonly readPacket: RequestHandler;
  private readonly limitBytes: number;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly adapter: EdxmlStatusPacketAdapter,
  ) {
    this.limitBytes = config.MAX_ENVELOPE_BYTES;
    this.readPacket = raw({ type: [...EDXML_MEDIA_TYPES], limit: this.limitBytes });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<
      Request & RequestWithAgency & RequestWithStatusPacketSignature & { params: { id: string } }
    >();
    if (!isEdxmlRequest(request)) return next.handle();
    await new Promise<void>((resolve, reject) => {
      this.readPacket(request, http.getResponse<Response>(), (error?: unknown) => {
        if (!error) return resolve();
        const failure = error as { type?: string; length?: number; message?: string };
        reject(
          failure.type === 'entity.too.large'
            ? new EdxmlTooLargeError(failure.length ?? this.limitBytes + 1, this.limitBytes)
            : new EdxmlMalformedError({
                en: failure.message ?? 'the request body could not be read',
                vi: 'không đọc được nội dung yêu cầu',
              }),
        );
      });
    });
    const packet = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const read = await this.adapter.read(
      request.params.id,
      request.agency!.agencyCode,
      packet,
      this.limitBytes,
    );
    request.body = read.body;
    request.statusPacketSignature = read.signature;
    return next.handle();
  }
}

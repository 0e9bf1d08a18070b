import { Inject, Injectable } from '@nestjs/common';
import { raw } from 'body-parser';
import type { Request, RequestHandler, Response } from 'express';
import { EdxmlMalformedError, EdxmlTooLargeError } from '@docaxis/edxml/packet/edxml-errors';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { EDXML_MEDIA_TYPES, isEdxmlRequest } from '../edxml/edxml-media-types';
import { edxmlPacketLimitBytes } from '../edxml/edxml-packet-limit';
import { multipartUploadReader, type MultipartUploadReader } from './multipart-upload';

interface BodyParserError {
  type?: string;
  length?: number;
  received?: number;
  message?: string;
}

/**
 * The body of POST /dispatches: an edXML packet (`application/xml`, `text/xml`) is read raw into
 * a Buffer, capped at the packet limit, for this route only; anything else is read as multipart,
 * where the envelope may be a text field or a file part. The route reads it itself, after
 * admission, rather than through a Nest interceptor (see SubmissionMetrics).
 */
@Injectable()
export class DispatchSubmissionBody {
  private readonly limitBytes: number;
  private readonly readPacket: RequestHandler;
  private readonly readMultipart: MultipartUploadReader;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.limitBytes = edxmlPacketLimitBytes(config);
    this.readPacket = raw({ type: [...EDXML_MEDIA_TYPES], limit: this.limitBytes });
    this.readMultipart = multipartUploadReader(config, {
      envelopeFilePart: true,
      // The PDFs are only hashed and stored (SubmitDispatchUseCase): no need to join them.
      filePieces: true,
    });
  }

  /** Reads the body into `request.body` (a Buffer for a packet) and `request.files`. */
  async read(request: Request, response: Response): Promise<void> {
    if (!isEdxmlRequest(request)) return this.readMultipart(request, response);
    await new Promise<void>((resolve, reject) => {
      this.readPacket(request, response, (error?: unknown) =>
        error ? reject(this.translate(error)) : resolve(),
      );
    });
    // An empty body leaves no Buffer behind; the parser then reports it as malformed.
    if (!Buffer.isBuffer(request.body)) request.body = Buffer.alloc(0);
  }

  private translate(error: BodyParserError): Error {
    if (error.type === 'entity.too.large') {
      return new EdxmlTooLargeError(
        error.length ?? error.received ?? this.limitBytes + 1,
        this.limitBytes,
      );
    }
    return new EdxmlMalformedError({
      en: error.message ?? 'the request body could not be read',
      vi: 'không đọc được nội dung yêu cầu',
    });
  }
}

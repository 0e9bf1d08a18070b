import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import {
  DispatchSubmissionBodyInterceptor,
  isEdxmlRequest,
} from '../edxml/dispatch-submission-body.interceptor';
import {
  EDXML_RESPONSE_CONTENT_TYPE,
  looksLikeEdxml,
  prefersEdxml,
} from '../edxml/edxml-media-types';
import { ReadDispatchEdxmlUseCase } from '../edxml/read-dispatch-edxml.usecase';
import { SubmitEdxmlDispatchUseCase } from '../edxml/submit-edxml-dispatch.usecase';
import { CorrelationId } from '../http/correlation-id.decorator';
import { AcknowledgeDispatchUseCase } from './acknowledge-dispatch.usecase';
import { DownloadDispatchFileUseCase } from './download-dispatch-file.usecase';
import type { DispatchView, RecipientView } from './dtos/dispatch-view';
import { ReadDispatchUseCase } from './read-dispatch.usecase';
import { SubmitDispatchUseCase, type SubmitDispatchResult } from './submit-dispatch.usecase';

type MulterFiles = Record<string, Express.Multer.File[] | undefined>;

@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
export class DispatchesController {
  constructor(
    private readonly submitDispatch: SubmitDispatchUseCase,
    private readonly readDispatch: ReadDispatchUseCase,
    private readonly downloadFile: DownloadDispatchFileUseCase,
    private readonly acknowledge: AcknowledgeDispatchUseCase,
    private readonly submitEdxml: SubmitEdxmlDispatchUseCase,
    private readonly readEdxml: ReadDispatchEdxmlUseCase,
  ) {}

  /**
   * POST /api/v1/dispatches — multipart: `envelope` (JSON, or an edXML packet) and one or more
   * `files` (signed PDFs); or a whole edXML packet as `application/xml` with its PDFs embedded.
   * 202: durably accepted; signatures are verified next. Follow it with GET /dispatches/:id.
   */
  @Post()
  @HttpCode(202)
  @UseInterceptors(DispatchSubmissionBodyInterceptor)
  async submit(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body('envelope') envelopeField: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<SubmitDispatchResult> {
    const files = ((request.files as MulterFiles | undefined)?.files ?? []).map((file) => ({
      originalName: file.originalname,
      contentType: file.mimetype,
      bytes: file.buffer,
    }));
    const common = { agency, idempotencyKey, correlationId };
    let result: SubmitDispatchResult;
    if (isEdxmlRequest(request)) {
      result = await this.submitEdxml.execute({ ...common, packet: request.body as Buffer });
    } else if (looksLikeEdxml(envelopeField)) {
      result = await this.submitEdxml.execute({
        ...common,
        packet: envelopeField as string,
        parts: files,
      });
    } else {
      result = await this.submitDispatch.execute({ ...common, envelopeField, files });
    }
    response.setHeader('Location', `/api/v1/dispatches/${result.dispatchId}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result;
  }

  /**
   * GET /api/v1/dispatches/:id — envelope, per-recipient state and verification report (JSON, the
   * default); with `Accept: application/xml` (or `text/xml`) the edXML packet, PDFs embedded.
   */
  @Get(':id')
  async read(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DispatchView | string> {
    if (!prefersEdxml(request)) {
      return this.readDispatch.execute(id, agency.agencyCode);
    }
    const packet = await this.readEdxml.execute(id, agency.agencyCode);
    response.setHeader('Content-Type', EDXML_RESPONSE_CONTENT_TYPE);
    return packet;
  }

  /** GET /api/v1/dispatches/:id/files/:fileId — the PDF, byte for byte as it was signed. */
  @Get(':id/files/:fileId')
  async file(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const download = await this.downloadFile.execute(id, fileId, agency, correlationId);
    response.setHeader('ETag', `"${download.sha256}"`);
    response.setHeader('X-Content-SHA256', download.sha256);
    return new StreamableFile(download.stream, {
      type: download.contentType,
      length: download.sizeBytes,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
    });
  }

  /** POST /api/v1/dispatches/:id/ack — the recipient confirms receipt. */
  @Post(':id/ack')
  @HttpCode(200)
  ack(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
  ): Promise<RecipientView> {
    return this.acknowledge.execute(id, agency, correlationId);
  }
}

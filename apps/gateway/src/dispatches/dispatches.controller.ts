import {
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
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { REPORT_LANGUAGES } from '@docaxis/signature/report/wording/report-wording';
import { SubmissionAdmission } from '../admission/submission-admission';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import {
  EDXML_RESPONSE_CONTENT_TYPE,
  isEdxmlRequest,
  looksLikeEdxml,
  prefersEdxml,
} from '../edxml/edxml-media-types';
import { ReadDispatchEdxmlUseCase } from '../edxml/read-dispatch-edxml.usecase';
import { SubmitEdxmlDispatchUseCase } from '../edxml/submit-edxml-dispatch.usecase';
import { CorrelationId } from '../http/correlation-id.decorator';
import { declareResponseLanguage, responseLanguageOf } from '../http/response-language';
import { AcknowledgeDispatchUseCase } from './acknowledge-dispatch.usecase';
import { DispatchSubmissionBody } from './dispatch-submission-body';
import { DownloadDispatchFileUseCase } from './download-dispatch-file.usecase';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiLanguageQuery } from '../openapi/api-language-query.decorator';
import type { DispatchView, RecipientView } from './dtos/dispatch-view';
import {
  DispatchViewDto,
  RecipientViewDto,
  SubmitDispatchResultDto,
} from './dtos/dispatch-view.dto';
import { filePartBytes } from './file-pieces-storage';
import { multipartFilePartsOf } from './multipart-file-parts';
import { ReadDispatchUseCase } from './read-dispatch.usecase';
import { SubmissionMetrics } from './submission-metrics';
import {
  type SubmitDispatchCommand,
  SubmitDispatchUseCase,
  type SubmitDispatchResult,
} from './submit-dispatch.usecase';

const DISPATCH_ID = ApiParam({ name: 'id', format: 'uuid', description: 'The dispatch id.' });

@ApiTags('dispatches')
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
    private readonly admission: SubmissionAdmission,
    private readonly submissionBody: DispatchSubmissionBody,
    private readonly submissionMetrics: SubmissionMetrics,
  ) {}

  /**
   * POST /api/v1/dispatches — multipart: `envelope` (JSON, or an edXML packet; a text field or a
   * file part) and one or more
   * `files` (signed PDFs); or a whole edXML packet as `application/xml` with its PDFs embedded.
   * 202: durably accepted; signatures are verified next. Follow it with GET /dispatches/:id.
   */
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a dispatch (gửi văn bản điện tử)',
    description:
      'Multipart: `envelope` (the JSON envelope, or an edXML packet; a text field, or a UTF-8 ' +
      'file part) and one or more `files` ' +
      '(signed PDFs); or a whole edXML packet as `application/xml` with its PDFs embedded. ' +
      '202 means durably accepted; signatures are verified next (follow GET /dispatches/{id}).',
  })
  @ApiConsumes('multipart/form-data', 'application/xml')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['envelope', 'files'],
      properties: {
        envelope: {
          type: 'string',
          description:
            'The dispatch envelope as JSON (or an edXML packet): a text field, or one UTF-8 file ' +
            'part (application/json, text/plain or no particular type), not both.',
          example:
            '{"documentId":"000.00.00.G22,2026/05/04,123/QĐ-VPCP","from":"000.00.00.G22","to":["000.00.01.H29"],…}',
        },
        files: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a submission safely: the same key and content answer the first result.',
  })
  @ApiAcceptedResponse({
    type: SubmitDispatchResultDto,
    description: 'Durably accepted. `Location` names the dispatch.',
    headers: {
      Location: { description: '/api/v1/dispatches/{id}', schema: { type: 'string' } },
      'Idempotent-Replayed': {
        description: '`true` when this answers a replay.',
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrorResponses({
    400: [
      'MULTIPART_INVALID',
      'ENVELOPE_MISSING',
      'ENVELOPE_NOT_JSON',
      'ENVELOPE_INVALID',
      'ENVELOPE_DUPLICATE',
      'FILES_MISSING',
      'IDEMPOTENCY_KEY_INVALID',
      'EDXML_MALFORMED',
      'EDXML_DOCTYPE_FORBIDDEN',
      'EDXML_TOO_DEEP',
      'EDXML_NAMESPACE_INVALID',
      'EDXML_STRUCTURE_INVALID',
      'EDXML_ATTACHMENTS_MISMATCH',
      'EDXML_ZIP_INVALID',
      'FILE_NAME_TOO_LONG',
    ],
    403: ['SENDER_MISMATCH'],
    409: ['IDEMPOTENCY_KEY_REUSED', 'DISPATCH_NUMBER_DUPLICATE'],
    413: [
      'FILE_TOO_LARGE',
      'TOO_MANY_FILES',
      'ENVELOPE_TOO_LARGE',
      'EDXML_TOO_LARGE',
      'EDXML_MARKUP_TOO_LARGE',
    ],
    415: ['FILE_NOT_PDF', 'UNSUPPORTED_MEDIA_TYPE', 'ENVELOPE_MEDIA_TYPE_UNSUPPORTED'],
    422: [
      'CONFIDENTIAL_DOCUMENT_REFUSED',
      'RECIPIENT_UNKNOWN',
      'RECIPIENT_SUSPENDED',
      'EDXML_BUSINESS_TYPE_UNSUPPORTED',
      'EDXML_TRACE_TOO_LONG',
      // A status packet (edXMLHeader/Status) that carries a body is refused as such.
      'EDXML_STATUS_BODY_FORBIDDEN',
    ],
    503: ['SUBMISSION_BACKLOG_FULL'],
  })
  submit(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<SubmitDispatchResult> {
    // Admission, body and metrics are called here, not as Nest interceptors: a route with
    // interceptors pays Nest's rxjs chain and an AsyncResource.bind per interceptor on every
    // request (bench/README.md, "Session 8, gateway"). The order is theirs: admission comes
    // before the body is read, so a refusal while busy costs little; every outcome is counted.
    return this.submissionMetrics.count(async () => {
      await this.admission.admit(agency.agencyCode, idempotencyKey);
      await this.submissionBody.read(request, response);
      const result = await this.submitBody(request, { agency, idempotencyKey, correlationId });
      response.setHeader('Location', `/api/v1/dispatches/${result.dispatchId}`);
      if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
      return result;
    });
  }

  /** The submission the body read into `request` carries: an edXML packet or a JSON envelope. */
  private submitBody(
    request: Request,
    common: Pick<SubmitDispatchCommand, 'agency' | 'idempotencyKey' | 'correlationId'>,
  ): Promise<SubmitDispatchResult> {
    const files = (multipartFilePartsOf(request).files ?? []).map((file) => ({
      originalName: file.originalname,
      contentType: file.mimetype,
      bytes: filePartBytes(file),
    }));
    if (isEdxmlRequest(request)) {
      return this.submitEdxml.execute({ ...common, packet: request.body as Buffer });
    }
    // The multipart fields as the reader left them (the envelope's file part included).
    const envelopeField = (request.body as Record<string, string | undefined> | undefined)
      ?.envelope;
    if (looksLikeEdxml(envelopeField)) {
      return this.submitEdxml.execute({ ...common, packet: envelopeField as string, parts: files });
    }
    return this.submitDispatch.execute({ ...common, envelopeField, files });
  }

  /**
   * GET /api/v1/dispatches/:id — envelope, per-recipient state and verification report (JSON, the
   * default); with `Accept: application/xml` (or `text/xml`) the edXML packet, PDFs embedded. The
   * JSON's rejection reason is in Vietnamese unless `?lang=en` (or `Accept-Language: en`) asks
   * for English, as for POST /verify's PDF report.
   */
  @Get(':id')
  @RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
  @ApiOperation({
    summary: 'Read a dispatch: envelope, delivery state per recipient, verification reports',
    description:
      'JSON by default; with `Accept: application/xml` the edXML packet, PDFs embedded. A ' +
      'rejected dispatch has `state: "rejected"`, the reason in `rejection.code` and its words ' +
      'in `rejection.message`: Vietnamese by default, English with `?lang=en` or ' +
      '`Accept-Language: en` (`Content-Language` says which).',
  })
  @DISPATCH_ID
  @ApiLanguageQuery('`rejection.message` (JSON)')
  @ApiProduces('application/json', 'application/xml')
  @ApiOkResponse({
    type: DispatchViewDto,
    headers: {
      'Content-Language': {
        description: 'The language of `rejection.message` (JSON): `vi` or `en`.',
        schema: { type: 'string', enum: [...REPORT_LANGUAGES] },
      },
    },
  })
  @ApiErrorResponses({
    400: ['REPORT_LANGUAGE_INVALID'],
    403: ['NOT_A_RECIPIENT'],
    404: ['DISPATCH_NOT_FOUND'],
  })
  async read(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DispatchView | string> {
    // Accept chose the format (JSON or edXML): a cache must not serve one to a caller asking the other.
    response.vary('Accept');
    if (!prefersEdxml(request)) {
      const language = responseLanguageOf(request);
      const view = await this.readDispatch.execute(id, agency.agencyCode, language);
      declareResponseLanguage(response, language);
      return view;
    }
    const packet = await this.readEdxml.execute(id, agency.agencyCode);
    response.setHeader('Content-Type', EDXML_RESPONSE_CONTENT_TYPE);
    return packet;
  }

  /** GET /api/v1/dispatches/:id/files/:fileId — the PDF, byte for byte as it was signed. */
  @Get(':id/files/:fileId')
  @RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
  @ApiOperation({
    summary: 'Download one PDF of a dispatch, byte for byte as it was signed',
    description: 'The first download by a recipient marks its delivery as fetched.',
  })
  @DISPATCH_ID
  @ApiParam({ name: 'fileId', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF.',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'X-Content-SHA256': { description: 'Hex SHA-256 of the body.', schema: { type: 'string' } },
      ETag: { schema: { type: 'string' } },
    },
  })
  @ApiErrorResponses({
    403: ['NOT_A_RECIPIENT'],
    404: ['DISPATCH_NOT_FOUND', 'FILE_NOT_FOUND'],
  })
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
  @ApiOperation({ summary: 'Acknowledge receipt (xác nhận đã nhận) as a recipient' })
  @DISPATCH_ID
  @ApiOkResponse({
    type: RecipientViewDto,
    description: "The caller's delivery, now acknowledged.",
  })
  @ApiErrorResponses({ 403: ['NOT_A_RECIPIENT'], 404: ['DISPATCH_NOT_FOUND'] })
  ack(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
  ): Promise<RecipientView> {
    return this.acknowledge.execute(id, agency, correlationId);
  }
}

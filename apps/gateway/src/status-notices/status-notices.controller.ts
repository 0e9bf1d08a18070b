import {
  Body,
  Controller,
  HttpCode,
  Param,
  Post,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { StatusPacketBodyInterceptor } from '../edxml-status/status-packet-body.interceptor';
import type { StatusPacketSignature } from '../edxml-status/status-packet-signature';
import { PostedPacketSignature } from '../edxml-status/status-packet-signature.decorator';
import { CorrelationId } from '../http/correlation-id.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { StatusNoticeRequestDto, StatusNoticeViewDto } from './dtos/status-notice-view.dto';
import { RecordStatusNoticeUseCase } from './record-status-notice.usecase';
import type { StatusNoticeView } from './dtos/status-notice-view';

@ApiTags('status notices')
@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
// The agency's clerk posts notices from the web console, as its document system does.
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
export class StatusNoticesController {
  constructor(private readonly recordNotice: RecordStatusNoticeUseCase) {}

  /**
   * POST /api/v1/dispatches/:id/status — a recipient's status notice (JSON: `code`, `reason`,
   * `staff`, `timestamp`, `noticeId`, `trace`). 201 with the notice; 200 and
   * `Idempotent-Replayed: true` for a repeat of the same notice id.
   */
  @Post(':id/status')
  @HttpCode(201)
  // An edXML status packet (application/xml) becomes the same notice body.
  @UseInterceptors(StatusPacketBodyInterceptor)
  @ApiOperation({
    summary: 'Post a status notice (trạng thái xử lý) as a recipient; it is routed to the sender',
  })
  @ApiConsumes('application/json', 'application/xml')
  @ApiBody({ type: StatusNoticeRequestDto })
  @ApiCreatedResponse({ type: StatusNoticeViewDto, description: 'Recorded.' })
  @ApiOkResponse({
    type: StatusNoticeViewDto,
    description: 'A repeat of a notice id: the first notice (`Idempotent-Replayed: true`).',
  })
  @ApiErrorResponses({
    // The EDXML_* codes and SENDER_MISMATCH answer a status packet (application/xml).
    400: [
      'STATUS_NOTICE_INVALID',
      'EDXML_MALFORMED',
      'EDXML_STRUCTURE_INVALID',
      'EDXML_NAMESPACE_INVALID',
      'EDXML_DOCTYPE_FORBIDDEN',
      'EDXML_TOO_DEEP',
    ],
    403: ['NOT_A_RECIPIENT', 'SENDER_MISMATCH'],
    413: ['EDXML_TOO_LARGE'],
    404: ['DISPATCH_NOT_FOUND'],
    409: [
      'STATUS_TRANSITION_INVALID',
      'RECALL_NOT_REQUESTED',
      'DISPATCH_RECALLED',
      'NOTICE_ID_REUSED',
      'STATUS_NOTICE_CONTENDED',
    ],
    422: [
      'STATUS_CODE_UNKNOWN',
      'STATUS_REASON_REQUIRED',
      'STATUS_CODE_RESERVED_FOR_SENDER',
      'EDXML_STATUS_DISPATCH_MISMATCH',
      'EDXML_STATUS_BODY_FORBIDDEN',
      'EDXML_TRACE_TOO_LONG',
    ],
  })
  async post(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') dispatchId: string,
    @Body() body: unknown,
    @PostedPacketSignature() envelopeSignature: StatusPacketSignature | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StatusNoticeView> {
    const result = await this.recordNotice.execute({
      dispatchId,
      agency,
      body,
      correlationId,
      envelopeSignature,
    });
    if (result.replayed) {
      response.status(200);
      response.setHeader('Idempotent-Replayed', 'true');
    }
    return result.notice;
  }
}

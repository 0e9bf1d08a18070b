import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { EDXML_RESPONSE_CONTENT_TYPE } from '../edxml/edxml-media-types';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ReadStatusPacketUseCase } from './read-status-packet.usecase';

@ApiTags('status notices')
@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
export class EdxmlStatusController {
  constructor(private readonly readStatusPacket: ReadStatusPacketUseCase) {}

  /** GET /api/v1/dispatches/:id/status/:noticeId — the notice as an edXML status packet. */
  @Get(':id/status/:noticeId')
  @ApiOperation({
    summary: 'A status notice as the edXML status packet (QCVN 102), signed by the axis',
    description:
      'For the notice author and its addressee (the sender finds notice ids in its inbox, items of kind "status"). The packet carries From, ResponseFor, StaffInfo, StatusCode, Description and Timestamp, with an enveloped XML signature (RSA-SHA256) by the axis certificate.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The dispatch id.' })
  @ApiParam({ name: 'noticeId', format: 'uuid', description: "The axis' id of the notice." })
  @ApiProduces('application/xml')
  @ApiResponse({ status: 200, description: 'The signed status packet.' })
  @ApiErrorResponses({ 404: ['DISPATCH_NOT_FOUND', 'STATUS_NOTICE_NOT_FOUND'] })
  async read(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') dispatchId: string,
    @Param('noticeId') noticeId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const packet = await this.readStatusPacket.execute(dispatchId, noticeId, agency.agencyCode);
    // Set only on success: errors keep the JSON error body and its media type.
    response.setHeader('Content-Type', EDXML_RESPONSE_CONTENT_TYPE);
    return packet;
  }
}

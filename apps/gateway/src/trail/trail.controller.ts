import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { DispatchTrailDto } from './dtos/dispatch-trail.dto';
import { type DispatchTrail, ReadTrailUseCase } from './read-trail.usecase';

@ApiTags('trail')
@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
export class TrailController {
  constructor(private readonly readTrail: ReadTrailUseCase) {}

  /** GET /api/v1/dispatches/:id/trail — the audit timeline of one dispatch, for its parties. */
  @Get(':id/trail')
  @ApiOperation({ summary: 'The audit timeline of one dispatch, for its sender and recipients' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: DispatchTrailDto })
  @ApiErrorResponses({ 403: ['NOT_A_RECIPIENT'], 404: ['DISPATCH_NOT_FOUND'] })
  trail(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
  ): Promise<DispatchTrail> {
    return this.readTrail.execute(id, agency.agencyCode);
  }
}

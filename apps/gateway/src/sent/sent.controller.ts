import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { SentPageDto } from './dtos/sent-page.dto';
import { ListSentUseCase, type SentPage } from './list-sent.usecase';

@ApiTags('dispatches')
@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
// The agency's clerk follows what it sent from the web console, as it works the inbox.
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
export class SentController {
  constructor(private readonly listSent: ListSentUseCase) {}

  /** GET /api/v1/dispatches?role=sent&cursor=…&limit=… — what the calling agency sent. */
  @Get()
  @ApiOperation({
    summary:
      'List what the calling agency sent (văn bản đi), newest first, with each recipient’s state',
  })
  @ApiQuery({ name: 'role', required: true, enum: ['sent'] })
  @ApiQuery({ name: 'cursor', required: false, description: '`nextCursor` of the previous page.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: SentPageDto })
  @ApiErrorResponses({ 400: ['ROLE_INVALID', 'CURSOR_INVALID', 'LIMIT_INVALID'] })
  list(
    @CallingAgency() agency: AuthenticatedAgency,
    @Query('role') role?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<SentPage> {
    return this.listSent.execute(agency.agencyCode, { role, cursor, limit });
  }
}

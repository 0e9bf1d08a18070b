import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { InboxPageDto } from './dtos/inbox-page.dto';
import { type InboxPage, ListInboxUseCase } from './list-inbox.usecase';

@ApiTags('inbox')
@Controller('inbox')
@UseGuards(ClientCertificateGuard)
// The agency's clerk works the same inbox from the web console.
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
export class InboxController {
  constructor(private readonly listInbox: ListInboxUseCase) {}

  /** GET /api/v1/inbox?cursor=…&limit=… — dispatches delivered to the calling agency. */
  @Get()
  @ApiOperation({
    summary: 'List dispatches delivered to the calling agency (hộp thư đến), oldest first',
  })
  @ApiQuery({ name: 'cursor', required: false, description: '`nextCursor` of the previous page.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiErrorResponses({ 400: ['CURSOR_INVALID', 'LIMIT_INVALID'] })
  list(
    @CallingAgency() agency: AuthenticatedAgency,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<InboxPage> {
    return this.listInbox.execute(agency.agencyCode, cursor, limit);
  }
}

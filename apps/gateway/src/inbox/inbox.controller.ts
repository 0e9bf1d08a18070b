import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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

  /**
   * GET /api/v1/inbox?cursor=…&limit=…&wait=… — dispatches delivered to the calling agency and
   * status notices for it; `wait` (seconds) holds an empty answer until something arrives.
   */
  @Get()
  @ApiOperation({
    summary:
      'List dispatches delivered to the calling agency (hộp thư đến) and status notices for it, oldest first; long-poll with wait',
  })
  @ApiQuery({ name: 'cursor', required: false, description: '`nextCursor` of the previous page.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({
    name: 'wait',
    required: false,
    schema: { type: 'integer', minimum: 0 },
    description:
      'Long-poll: seconds to hold the request while nothing is there after `cursor` ' +
      '(at most INBOX_WAIT_MAX_SECONDS); it answers as soon as something arrives.',
  })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiErrorResponses({ 400: ['CURSOR_INVALID', 'LIMIT_INVALID', 'WAIT_INVALID'] })
  list(
    @CallingAgency() agency: AuthenticatedAgency,
    @Res({ passthrough: true }) response: Response,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
    @Query('wait') wait?: string,
  ): Promise<InboxPage> {
    // The response closes before it is sent only when the client went away.
    const gone = new AbortController();
    response.on('close', () => gone.abort());
    return this.listInbox.execute(agency.agencyCode, {
      cursor,
      limit,
      wait,
      signal: gone.signal,
    });
  }
}

import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { clientGoneSignal } from '../http/client-gone-signal';
import { CorrelationId } from '../http/correlation-id.decorator';
import { declareResponseLanguage, responseLanguageOf } from '../http/response-language';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiLanguageQuery } from '../openapi/api-language-query.decorator';
import { AcknowledgeInboxUseCase, type InboxAckResult } from './acknowledge-inbox.usecase';
import { InboxAckRequestDto, InboxAckResultDto } from './dtos/inbox-ack.dto';
import { InboxPageDto } from './dtos/inbox-page.dto';
import { type InboxPage, ListInboxUseCase } from './list-inbox.usecase';

@ApiTags('inbox')
@Controller('inbox')
@UseGuards(ClientCertificateGuard)
// The agency's clerk works the same inbox from the web console.
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
export class InboxController {
  constructor(
    private readonly listInbox: ListInboxUseCase,
    private readonly acknowledgeInbox: AcknowledgeInboxUseCase,
  ) {}

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
    return this.listInbox.execute(agency.agencyCode, {
      cursor,
      limit,
      wait,
      signal: clientGoneSignal(response),
    });
  }

  /**
   * POST /api/v1/inbox/ack — `{ "dispatchIds": [...] }`: acknowledge many dispatches of the inbox
   * in one request and transaction, with an answer per id.
   */
  @Post('ack')
  @ApiLanguageQuery("each refused item's error message")
  @HttpCode(200)
  // Acknowledging is the document system's job, as on POST /dispatches/:id/ack.
  @RequireRoles(CallerRole.AgencySystem)
  @ApiOperation({
    summary:
      'Acknowledge receipt of many dispatches at once (xác nhận đã nhận), as their recipient',
    description:
      'One transaction for the whole list; each id gets its own outcome, so ids that cannot be ' +
      'acknowledged do not hold up the others. Acknowledging again changes nothing. Each ' +
      'acknowledgement is recorded on the audit trail, as with POST /dispatches/{id}/ack.',
  })
  @ApiBody({ type: InboxAckRequestDto })
  @ApiOkResponse({ type: InboxAckResultDto })
  @ApiErrorResponses({
    400: [
      'ACK_REQUEST_INVALID',
      'ACK_BATCH_EMPTY',
      'DISPATCH_ID_INVALID',
      'ACK_BATCH_DUPLICATE_IDS',
    ],
    413: ['ACK_BATCH_TOO_LARGE'],
  })
  acknowledge(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InboxAckResult> {
    // Each refused item's message is worded as the API's errors are.
    const language = responseLanguageOf(request);
    declareResponseLanguage(response, language);
    return this.acknowledgeInbox.execute(body, agency, correlationId, language);
  }
}

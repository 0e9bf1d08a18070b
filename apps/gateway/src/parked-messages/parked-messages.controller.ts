import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { CorrelationId } from '../http/correlation-id.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { DiscardParkedMessageUseCase } from './discard-parked-message.usecase';
import {
  DiscardParkedMessageBodyDto,
  ParkedMessageDetailDto,
  ParkedMessagePageDto,
} from './dtos/parked-message.dto';
import type { ParkedMessageDetail, ParkedMessagePage } from './dtos/parked-message-view';
import { ListParkedMessagesUseCase } from './list-parked-messages.usecase';
import { ReadParkedMessageUseCase } from './read-parked-message.usecase';
import { RedriveParkedMessageUseCase } from './redrive-parked-message.usecase';

/** Messages the pipeline could not process, for the axis administrator (quản trị trục). */
@ApiTags('admin')
@Controller('admin/parked-messages')
@UseGuards(ClientCertificateGuard)
@RequireRoles(CallerRole.Admin)
export class ParkedMessagesController {
  constructor(
    private readonly list: ListParkedMessagesUseCase,
    private readonly read: ReadParkedMessageUseCase,
    private readonly redrive: RedriveParkedMessageUseCase,
    private readonly discard: DiscardParkedMessageUseCase,
  ) {}

  /** GET /api/v1/admin/parked-messages?queue=&state=&cursor=&limit= — oldest first. */
  @Get()
  @ApiOperation({ summary: 'List parked messages (admin), oldest first, by cursor' })
  @ApiQuery({ name: 'queue', required: false, description: 'Broker queue they failed on.' })
  @ApiQuery({ name: 'state', required: false, enum: ['parked', 'redriven', 'discarded', 'all'] })
  @ApiQuery({ name: 'cursor', required: false, description: '`nextCursor` of the previous page.' })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  @ApiOkResponse({ type: ParkedMessagePageDto })
  @ApiErrorResponses({ 400: ['PARKED_MESSAGE_QUERY_INVALID'] })
  page(
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
    @Query('queue') queue?: string,
    @Query('state') state?: string,
  ): Promise<ParkedMessagePage> {
    return this.list.execute({ cursor, limit, queue, state });
  }

  /** GET /api/v1/admin/parked-messages/:id — error, attempts, headers and payload. */
  @Get(':id')
  @ApiOperation({ summary: 'One parked message (admin): error, attempts, headers, payload' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ParkedMessageDetailDto })
  @ApiErrorResponses({ 404: ['PARKED_MESSAGE_NOT_FOUND'] })
  one(@Param('id') id: string): Promise<ParkedMessageDetail> {
    return this.read.execute(id);
  }

  /** POST /api/v1/admin/parked-messages/:id/redrive — back to the queue it failed on. */
  @Post(':id/redrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Redrive a parked message (admin) to the queue it failed on' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ParkedMessageDetailDto })
  @ApiErrorResponses({
    404: ['PARKED_MESSAGE_NOT_FOUND'],
    409: ['PARKED_MESSAGE_ALREADY_RESOLVED'],
    422: ['PARKED_MESSAGE_NOT_REDRIVABLE'],
  })
  redriveOne(
    @CallingAgency() admin: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
  ): Promise<ParkedMessageDetail> {
    return this.redrive.execute(id, admin, correlationId);
  }

  /** POST /api/v1/admin/parked-messages/:id/discard `{ "reason": "…" }` — audited. */
  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard a parked message (admin) with a reason; audited' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: DiscardParkedMessageBodyDto })
  @ApiOkResponse({ type: ParkedMessageDetailDto })
  @ApiErrorResponses({
    400: ['DISCARD_REASON_INVALID'],
    404: ['PARKED_MESSAGE_NOT_FOUND'],
    409: ['PARKED_MESSAGE_ALREADY_RESOLVED'],
  })
  discardOne(
    @CallingAgency() admin: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
    @Body() body: { reason?: unknown } | undefined,
  ): Promise<ParkedMessageDetail> {
    return this.discard.execute(id, body?.reason, admin, correlationId);
  }
}

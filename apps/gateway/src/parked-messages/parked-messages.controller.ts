import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { CorrelationId } from '../http/correlation-id.decorator';
import { DiscardParkedMessageUseCase } from './discard-parked-message.usecase';
import type { ParkedMessageDetail, ParkedMessagePage } from './dtos/parked-message-view';
import { ListParkedMessagesUseCase } from './list-parked-messages.usecase';
import { ReadParkedMessageUseCase } from './read-parked-message.usecase';
import { RedriveParkedMessageUseCase } from './redrive-parked-message.usecase';

/** Messages the pipeline could not process, for the axis administrator (quản trị trục). */
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
  one(@Param('id') id: string): Promise<ParkedMessageDetail> {
    return this.read.execute(id);
  }

  /** POST /api/v1/admin/parked-messages/:id/redrive — back to the queue it failed on. */
  @Post(':id/redrive')
  @HttpCode(200)
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
  discardOne(
    @CallingAgency() admin: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
    @Body() body: { reason?: unknown } | undefined,
  ): Promise<ParkedMessageDetail> {
    return this.discard.execute(id, body?.reason, admin, correlationId);
  }
}

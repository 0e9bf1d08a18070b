import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { type InboxPage, ListInboxUseCase } from './list-inbox.usecase';

@Controller('inbox')
@UseGuards(ClientCertificateGuard)
export class InboxController {
  constructor(private readonly listInbox: ListInboxUseCase) {}

  /** GET /api/v1/inbox?cursor=…&limit=… — dispatches delivered to the calling agency. */
  @Get()
  list(
    @CallingAgency() agency: AuthenticatedAgency,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<InboxPage> {
    return this.listInbox.execute(agency.agencyCode, cursor, limit);
  }
}

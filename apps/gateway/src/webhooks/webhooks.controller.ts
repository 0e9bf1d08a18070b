import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { ManageWebhooksUseCase } from './manage-webhooks.usecase';
import type { WebhookNotificationView, WebhookView } from './webhook-view';

/** Each agency system manages its own webhook; the agency is the certificate's, never a field. */
@Controller('webhooks')
@UseGuards(ClientCertificateGuard)
export class WebhooksController {
  constructor(private readonly webhooks: ManageWebhooksUseCase) {}

  /** POST /api/v1/webhooks {url, secret} → 201; replaces the agency's active webhook. */
  @Post()
  @HttpCode(201)
  register(
    @CallingAgency() agency: AuthenticatedAgency,
    @Body() body: unknown,
  ): Promise<WebhookView> {
    return this.webhooks.register(agency.agencyCode, body);
  }

  @Get()
  list(@CallingAgency() agency: AuthenticatedAgency): Promise<WebhookView[]> {
    return this.webhooks.list(agency.agencyCode);
  }

  @Delete(':id')
  @HttpCode(204)
  deactivate(@CallingAgency() agency: AuthenticatedAgency, @Param('id') id: string): Promise<void> {
    return this.webhooks.deactivate(agency.agencyCode, id);
  }

  /** GET /api/v1/webhooks/:id/notifications?limit= — newest first, with every delivery attempt. */
  @Get(':id/notifications')
  history(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
    @Query('limit') limit?: string,
  ): Promise<WebhookNotificationView[]> {
    return this.webhooks.history(agency.agencyCode, id, limit);
  }
}

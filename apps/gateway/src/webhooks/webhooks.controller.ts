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
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import {
  ReactivatedWebhookDto,
  WebhookDto,
  WebhookNotificationDto,
  WebhookRegistrationDto,
} from './dtos/webhook.dto';
import { ManageWebhooksUseCase } from './manage-webhooks.usecase';
import type { ReactivatedWebhookView, WebhookNotificationView, WebhookView } from './webhook-view';

/** What checking a webhook URL may answer (registration and reactivation). */
const DESTINATION_REFUSALS = {
  422: ['WEBHOOK_URL_NOT_PUBLIC', 'WEBHOOK_URL_UNRESOLVABLE'],
  503: ['WEBHOOK_HOST_LOOKUP_FAILED'],
} as const;
const WEBHOOK_ID = ApiParam({ name: 'id', format: 'uuid', description: 'The webhook id.' });

/** Each agency system manages its own webhook; the agency is the certificate's, never a field. */
@ApiTags('webhooks')
@Controller('webhooks')
@UseGuards(ClientCertificateGuard)
export class WebhooksController {
  constructor(private readonly webhooks: ManageWebhooksUseCase) {}

  /** POST /api/v1/webhooks {url, secret} → 201; replaces the agency's active webhook. */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: "Register the calling agency's webhook (replaces its active one)",
    description:
      'Every event in the inbox (dispatch delivered, status message, recall request) is POSTed to the URL, signed with HMAC-SHA256 over `{timestamp}.{body}` (X-Docaxis-Signature), with X-Docaxis-Notification-Id to deduplicate on; retried with exponential backoff until answered 2xx. The URL host must be, and resolve only to, public addresses (no loopback, private, link-local, CGNAT, multicast or reserved ones): checked here and again before every POST.',
  })
  @ApiBody({ type: WebhookRegistrationDto })
  @ApiCreatedResponse({ type: WebhookDto })
  @ApiErrorResponses({ 400: ['WEBHOOK_INVALID'], ...DESTINATION_REFUSALS })
  register(
    @CallingAgency() agency: AuthenticatedAgency,
    @Body() body: unknown,
  ): Promise<WebhookView> {
    return this.webhooks.register(agency, body);
  }

  @Get()
  @ApiOperation({ summary: "List the calling agency's webhooks, newest first (never the secret)" })
  @ApiOkResponse({ type: [WebhookDto] })
  @ApiErrorResponses({})
  list(@CallingAgency() agency: AuthenticatedAgency): Promise<WebhookView[]> {
    return this.webhooks.list(agency.agencyCode);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate a webhook: nothing more is sent to it' })
  @WEBHOOK_ID
  @ApiNoContentResponse({ description: 'Deactivated (also when it already was).' })
  @ApiErrorResponses({ 404: ['WEBHOOK_NOT_FOUND'] })
  deactivate(@CallingAgency() agency: AuthenticatedAgency, @Param('id') id: string): Promise<void> {
    return this.webhooks.deactivate(agency, id);
  }

  /** POST /api/v1/webhooks/:id/reactivate → 200; e.g. after the notifier stopped it (DESTINATION_NOT_PUBLIC, FAILING_PERSISTENTLY). */
  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Reactivate an inactive webhook (replaces the active one); its pending notifications resume',
    description:
      'For a webhook the notifier deactivated (`deactivationCode: DESTINATION_NOT_PUBLIC`, its host resolved to a non-public address, once the DNS is fixed; `FAILING_PERSISTENTLY`, every attempt failed for WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS, once the receiver works), or one the agency deactivated. The URL is checked as at registration; notifications still pending are sent at once, signed with the same secret, and the failure count starts afresh. Inbox events while it was inactive were not queued for it: `catchUp` says since when, and to read them from `GET /inbox` (from the last cursor processed). Reactivating an active webhook changes nothing (`catchUp: null`).',
  })
  @WEBHOOK_ID
  @ApiOkResponse({ type: ReactivatedWebhookDto })
  @ApiErrorResponses({ 404: ['WEBHOOK_NOT_FOUND'], ...DESTINATION_REFUSALS })
  reactivate(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
  ): Promise<ReactivatedWebhookView> {
    return this.webhooks.reactivate(agency, id);
  }

  /** GET /api/v1/webhooks/:id/notifications?limit= — newest first, with every delivery attempt. */
  @Get(':id/notifications')
  @ApiOperation({
    summary: 'Notifications sent to a webhook, newest first, with every delivery attempt',
  })
  @WEBHOOK_ID
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  @ApiOkResponse({ type: [WebhookNotificationDto] })
  @ApiErrorResponses({ 404: ['WEBHOOK_NOT_FOUND'] })
  history(
    @CallingAgency() agency: AuthenticatedAgency,
    @Param('id') id: string,
    @Query('limit') limit?: string,
  ): Promise<WebhookNotificationView[]> {
    return this.webhooks.history(agency.agencyCode, id, limit);
  }
}

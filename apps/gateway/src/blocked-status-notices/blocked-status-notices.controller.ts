import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { CorrelationId } from '../http/correlation-id.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import type {
  BlockingStatusNoticeList,
  SkippedStatusNotice,
} from './dtos/blocked-status-notice-view';
import {
  BlockingStatusNoticeListDto,
  SkipStatusNoticeBodyDto,
  SkippedStatusNoticeDto,
} from './dtos/blocked-status-notice.dto';
import { ListBlockingStatusNoticesUseCase } from './list-blocking-status-notices.usecase';
import { SkipStatusNoticeUseCase } from './skip-status-notice.usecase';

/** Status notices held back behind one that never reached the router, for the administrator. */
@ApiTags('admin')
@Controller('admin/status-notices')
@UseGuards(ClientCertificateGuard)
@RequireRoles(CallerRole.Admin)
export class BlockedStatusNoticesController {
  constructor(
    private readonly list: ListBlockingStatusNoticesUseCase,
    private readonly skip: SkipStatusNoticeUseCase,
  ) {}

  /** GET /api/v1/admin/status-notices/blocking?limit= — oldest first. */
  @Get('blocking')
  @ApiOperation({
    summary:
      'Status notices holding later ones back (admin): their message never reached the router',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  })
  @ApiOkResponse({ type: BlockingStatusNoticeListDto })
  @ApiErrorResponses({ 400: ['LIMIT_INVALID'] })
  blocking(@Query('limit') limit?: string): Promise<BlockingStatusNoticeList> {
    return this.list.execute(limit);
  }

  /** POST /api/v1/admin/status-notices/:id/skip `{ "reason": "…" }` — audited. */
  @Post(':id/skip')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Give up a status notice whose message never reached the router (admin), with a reason: the notices waiting behind it are delivered; audited',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: SkipStatusNoticeBodyDto })
  @ApiOkResponse({ type: SkippedStatusNoticeDto })
  @ApiErrorResponses({
    400: ['SKIP_REASON_INVALID'],
    404: ['STATUS_NOTICE_NOT_FOUND'],
    409: ['STATUS_NOTICE_NOT_SKIPPABLE'],
  })
  skipOne(
    @CallingAgency() admin: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') id: string,
    @Body() body: { reason?: unknown } | undefined,
  ): Promise<SkippedStatusNotice> {
    return this.skip.execute(id, body?.reason, admin, correlationId);
  }
}

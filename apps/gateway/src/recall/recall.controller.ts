import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { CorrelationId } from '../http/correlation-id.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { RecallRequestDto, RecallResultDto } from './dtos/recall.dto';
import { RecallDispatchUseCase, type RecallResult } from './recall-dispatch.usecase';

@ApiTags('status notices')
@Controller('dispatches')
@UseGuards(ClientCertificateGuard)
// The sending agency's clerk recalls from the web console, as its document system does.
@RequireRoles(CallerRole.AgencySystem, CallerRole.Clerk)
export class RecallController {
  constructor(private readonly recallDispatch: RecallDispatchUseCase) {}

  /** POST /api/v1/dispatches/:id/recall — `{ "reason": "…" }`; the sender only. */
  @Post(':id/recall')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Recall a dispatch (thu hồi) as its sender: withdrawn where neither fetched nor given a status, a recall request (13) elsewhere',
  })
  @ApiBody({ type: RecallRequestDto })
  @ApiOkResponse({ type: RecallResultDto })
  @ApiErrorResponses({
    400: ['RECALL_REQUEST_INVALID'],
    403: ['NOT_THE_SENDER'],
    404: ['DISPATCH_NOT_FOUND'],
    409: ['DISPATCH_ALREADY_RECALLED', 'DISPATCH_NOT_RECALLABLE'],
  })
  recall(
    @CallingAgency() agency: AuthenticatedAgency,
    @CorrelationId() correlationId: string,
    @Param('id') dispatchId: string,
    @Body() body: unknown,
  ): Promise<RecallResult> {
    return this.recallDispatch.execute(dispatchId, agency, body, correlationId);
  }
}

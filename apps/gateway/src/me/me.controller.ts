import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { MeDto } from './dtos/me.dto';

@ApiTags('me')
@Controller('me')
@UseGuards(ClientCertificateGuard)
@RequireRoles(...(Object.values(CallerRole) as [CallerRole, ...CallerRole[]]))
export class MeController {
  /**
   * GET /api/v1/me — who the presented client certificate says the caller is: what the web
   * console shows and picks its pages from (every route still checks its own roles).
   */
  @Get()
  @ApiOperation({ summary: 'Who the presented client certificate belongs to, with its roles' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrorResponses({})
  me(@CallingAgency() agency: AuthenticatedAgency): MeDto {
    return {
      agencyCode: agency.agencyCode,
      agencyName: agency.agencyName,
      certificateSubject: agency.certificateSubject,
      roles: [...agency.roles],
    };
  }
}

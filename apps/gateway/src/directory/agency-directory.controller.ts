import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { CallingAgency } from '../auth/authenticated-agency.decorator';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { CallerRole } from '../auth/caller-role';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { RequireRoles } from '../auth/require-roles.decorator';
import { AgencyCertificatesUseCase } from './agency-certificates.usecase';
import { ChangeAgencyStatusUseCase } from './change-agency-status.usecase';
import type { AgencyView, CertificateView } from './dtos/agency-view';
import {
  parseDirectoryRequest,
  registerAgencyRequest,
  registerCertificateRequest,
  rotateCertificateRequest,
  updateAgencyRequest,
} from './dtos/directory-requests';
import { ReadDirectoryUseCase } from './read-directory.usecase';
import { RegisterAgencyUseCase } from './register-agency.usecase';
import { UpdateAgencyUseCase } from './update-agency.usecase';

/** The agency directory (danh bạ cơ quan), for the axis administrators; auditors may read it. */
@Controller('admin/agencies')
@UseGuards(ClientCertificateGuard)
@RequireRoles(CallerRole.Admin)
export class AgencyDirectoryController {
  constructor(
    private readonly read: ReadDirectoryUseCase,
    private readonly registerAgency: RegisterAgencyUseCase,
    private readonly updateAgency: UpdateAgencyUseCase,
    private readonly changeStatus: ChangeAgencyStatusUseCase,
    private readonly certificates: AgencyCertificatesUseCase,
  ) {}

  /** GET /api/v1/admin/agencies — every agency, by code. */
  @Get()
  @RequireRoles(CallerRole.Admin, CallerRole.Auditor)
  list(): Promise<{ agencies: AgencyView[] }> {
    return this.read.list();
  }

  /** GET /api/v1/admin/agencies/:code — one agency with its registered certificates. */
  @Get(':code')
  @RequireRoles(CallerRole.Admin, CallerRole.Auditor)
  one(@Param('code') code: string): Promise<AgencyView & { certificates: CertificateView[] }> {
    return this.read.one(code);
  }

  /** POST /api/v1/admin/agencies — `{code, name, parentCode?}`; 201 with the new agency. */
  @Post()
  register(@Body() body: unknown): Promise<AgencyView> {
    return this.registerAgency.execute(parseDirectoryRequest(registerAgencyRequest, body));
  }

  /** PATCH /api/v1/admin/agencies/:code — `{name?, parentCode?}`. */
  @Patch(':code')
  update(@Param('code') code: string, @Body() body: unknown): Promise<AgencyView> {
    return this.updateAgency.execute({ code, ...parseDirectoryRequest(updateAgencyRequest, body) });
  }

  /** POST /api/v1/admin/agencies/:code/suspend — refused everywhere until reactivated. */
  @Post(':code/suspend')
  @HttpCode(200)
  suspend(
    @Param('code') code: string,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    return this.changeStatus.execute(code, 'suspended', actor);
  }

  /** POST /api/v1/admin/agencies/:code/reactivate */
  @Post(':code/reactivate')
  @HttpCode(200)
  reactivate(
    @Param('code') code: string,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    return this.changeStatus.execute(code, 'active', actor);
  }

  /** POST /api/v1/admin/agencies/:code/certificates — `{certificatePem, roles}`; 201. */
  @Post(':code/certificates')
  registerCertificate(
    @Param('code') agencyCode: string,
    @Body() body: unknown,
  ): Promise<CertificateView> {
    return this.certificates.register({
      agencyCode,
      ...parseDirectoryRequest(registerCertificateRequest, body),
    });
  }

  /**
   * POST /api/v1/admin/agencies/:code/certificates/:fingerprint/rotate — `{certificatePem,
   * roles?}`: registers the successor and retires this certificate together; 201.
   */
  @Post(':code/certificates/:fingerprint/rotate')
  rotateCertificate(
    @Param('code') agencyCode: string,
    @Param('fingerprint') fingerprint: string,
    @Body() body: unknown,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<{ registered: CertificateView; retired: CertificateView }> {
    return this.certificates.rotate(
      { agencyCode, fingerprint, ...parseDirectoryRequest(rotateCertificateRequest, body) },
      actor,
    );
  }

  /** POST /api/v1/admin/agencies/:code/certificates/:fingerprint/revoke — retires it at once. */
  @Post(':code/certificates/:fingerprint/revoke')
  @HttpCode(200)
  revokeCertificate(
    @Param('code') agencyCode: string,
    @Param('fingerprint') fingerprint: string,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<CertificateView> {
    return this.certificates.retire(agencyCode, fingerprint, actor);
  }
}

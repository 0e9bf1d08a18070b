import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
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
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import {
  AgencyListDto,
  AgencyViewDto,
  AgencyWithCertificatesDto,
  CertificateRotationDto,
  CertificateViewDto,
  RegisterAgencyRequestDto,
  RegisterCertificateRequestDto,
  RotateCertificateRequestDto,
  UpdateAgencyRequestDto,
} from './dtos/agency-view.dto';
import { ReadDirectoryUseCase } from './read-directory.usecase';
import { RegisterAgencyUseCase } from './register-agency.usecase';
import { UpdateAgencyUseCase } from './update-agency.usecase';

const CODE = ApiParam({ name: 'code', description: 'Agency code (mã định danh).' });
const FINGERPRINT = ApiParam({ name: 'fingerprint', description: 'Hex SHA-256 of the DER.' });
const BODY_INVALID = ['DIRECTORY_REQUEST_INVALID'];
const CERTIFICATE_REFUSED = [
  'CERTIFICATE_NOT_FROM_DEDICATED_CA',
  'CLIENT_CERTIFICATE_OUTSIDE_VALIDITY',
  'CERTIFICATE_AGENCY_MISMATCH',
];

/** The agency directory (danh bạ cơ quan), for the axis administrators; auditors may read it. */
@ApiTags('directory')
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
  @ApiOperation({ summary: 'List every agency of the directory, by code (admin, auditor)' })
  @ApiOkResponse({ type: AgencyListDto })
  @ApiErrorResponses({})
  @RequireRoles(CallerRole.Admin, CallerRole.Auditor)
  list(): Promise<{ agencies: AgencyView[] }> {
    return this.read.list();
  }

  /** GET /api/v1/admin/agencies/:code — one agency with its registered certificates. */
  @Get(':code')
  @ApiOperation({ summary: 'One agency with its registered client certificates (admin, auditor)' })
  @CODE
  @ApiOkResponse({ type: AgencyWithCertificatesDto })
  @ApiErrorResponses({ 404: ['AGENCY_NOT_FOUND'] })
  @RequireRoles(CallerRole.Admin, CallerRole.Auditor)
  one(@Param('code') code: string): Promise<AgencyView & { certificates: CertificateView[] }> {
    return this.read.one(code);
  }

  /** POST /api/v1/admin/agencies — `{code, name, parentCode?}`; 201 with the new agency. */
  @Post()
  @ApiOperation({ summary: 'Register an agency (admin)' })
  @ApiBody({ type: RegisterAgencyRequestDto })
  @ApiCreatedResponse({ type: AgencyViewDto })
  @ApiErrorResponses({
    400: [...BODY_INVALID, 'AGENCY_CODE_INVALID', 'AGENCY_PARENT_INVALID'],
    409: ['AGENCY_ALREADY_REGISTERED'],
    422: ['PARENT_AGENCY_NOT_FOUND', 'PARENT_AGENCY_MISMATCH'],
  })
  register(
    @Body() body: unknown,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    return this.registerAgency.execute(parseDirectoryRequest(registerAgencyRequest, body), actor);
  }

  /** PATCH /api/v1/admin/agencies/:code — `{name?, parentCode?}`. */
  @Patch(':code')
  @ApiOperation({ summary: 'Rename an agency or change its parent (admin)' })
  @CODE
  @ApiBody({ type: UpdateAgencyRequestDto })
  @ApiOkResponse({ type: AgencyViewDto })
  @ApiErrorResponses({
    400: [...BODY_INVALID, 'AGENCY_PARENT_INVALID'],
    404: ['AGENCY_NOT_FOUND'],
    422: ['PARENT_AGENCY_NOT_FOUND', 'PARENT_AGENCY_MISMATCH'],
  })
  update(
    @Param('code') code: string,
    @Body() body: unknown,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    return this.updateAgency.execute(
      { code, ...parseDirectoryRequest(updateAgencyRequest, body) },
      actor,
    );
  }

  /** POST /api/v1/admin/agencies/:code/suspend — refused everywhere until reactivated. */
  @Post(':code/suspend')
  @ApiOperation({ summary: 'Suspend an agency: refused everywhere until reactivated (admin)' })
  @CODE
  @ApiOkResponse({ type: AgencyViewDto })
  @ApiErrorResponses({ 404: ['AGENCY_NOT_FOUND'], 409: ['SELF_LOCKOUT_REFUSED'] })
  @HttpCode(200)
  suspend(
    @Param('code') code: string,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    return this.changeStatus.execute(code, 'suspended', actor);
  }

  /** POST /api/v1/admin/agencies/:code/reactivate */
  @Post(':code/reactivate')
  @ApiOperation({ summary: 'Reactivate a suspended agency (admin)' })
  @CODE
  @ApiOkResponse({ type: AgencyViewDto })
  @ApiErrorResponses({ 404: ['AGENCY_NOT_FOUND'] })
  @HttpCode(200)
  reactivate(
    @Param('code') code: string,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    return this.changeStatus.execute(code, 'active', actor);
  }

  /** POST /api/v1/admin/agencies/:code/certificates — `{certificatePem, roles}`; 201. */
  @Post(':code/certificates')
  @ApiOperation({
    summary: "Register a client certificate for an agency's system or staff (admin)",
  })
  @CODE
  @ApiBody({ type: RegisterCertificateRequestDto })
  @ApiCreatedResponse({ type: CertificateViewDto })
  @ApiErrorResponses({
    400: [...BODY_INVALID, 'CERTIFICATE_PEM_INVALID'],
    404: ['AGENCY_NOT_FOUND'],
    409: ['CERTIFICATE_ALREADY_REGISTERED'],
    422: CERTIFICATE_REFUSED,
  })
  registerCertificate(
    @Param('code') agencyCode: string,
    @Body() body: unknown,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<CertificateView> {
    return this.certificates.register(
      { agencyCode, ...parseDirectoryRequest(registerCertificateRequest, body) },
      actor,
    );
  }

  /**
   * POST /api/v1/admin/agencies/:code/certificates/:fingerprint/rotate — `{certificatePem,
   * roles?}`: registers the successor and retires this certificate together; 201.
   */
  @Post(':code/certificates/:fingerprint/rotate')
  @ApiOperation({
    summary: 'Rotate a client certificate: register the successor, retire this one (admin)',
  })
  @CODE
  @FINGERPRINT
  @ApiBody({ type: RotateCertificateRequestDto })
  @ApiCreatedResponse({ type: CertificateRotationDto })
  @ApiErrorResponses({
    400: [...BODY_INVALID, 'CERTIFICATE_PEM_INVALID'],
    404: ['AGENCY_NOT_FOUND', 'CERTIFICATE_NOT_FOUND'],
    409: ['CERTIFICATE_ALREADY_REGISTERED', 'CERTIFICATE_ALREADY_RETIRED', 'SELF_LOCKOUT_REFUSED'],
    422: CERTIFICATE_REFUSED,
  })
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
  @ApiOperation({ summary: 'Revoke (retire) a client certificate at once (admin)' })
  @CODE
  @FINGERPRINT
  @ApiOkResponse({ type: CertificateViewDto })
  @ApiErrorResponses({
    404: ['AGENCY_NOT_FOUND', 'CERTIFICATE_NOT_FOUND'],
    409: ['CERTIFICATE_ALREADY_RETIRED', 'SELF_LOCKOUT_REFUSED'],
  })
  @HttpCode(200)
  revokeCertificate(
    @Param('code') agencyCode: string,
    @Param('fingerprint') fingerprint: string,
    @CallingAgency() actor: AuthenticatedAgency,
  ): Promise<CertificateView> {
    return this.certificates.retire(agencyCode, fingerprint, actor);
  }
}

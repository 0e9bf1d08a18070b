import { ApiProperty } from '@nestjs/swagger';
import { CERTIFICATE_ROLES } from '@docaxis/persistence/agency/certificate-role';
import type { AgencyView, CertificateView } from './agency-view';

// OpenAPI shapes of the directory views and requests; `implements` keeps the views in step
// with what the use cases return (requests are validated by the zod schemas beside them).

export class AgencyViewDto implements AgencyView {
  @ApiProperty({ description: 'Mã định danh.', example: '000.00.01.H29' })
  code!: string;

  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh Hà Giang' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.00.H29' })
  parentCode!: string | null;

  @ApiProperty({ enum: ['active', 'suspended'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CertificateViewDto implements CertificateView {
  @ApiProperty({ description: 'Lower-case hex SHA-256 of the certificate DER.' })
  fingerprint!: string;

  @ApiProperty({ example: '000.00.01.H29' })
  agencyCode!: string;

  @ApiProperty({ enum: CERTIFICATE_ROLES, isArray: true })
  roles!: string[];

  @ApiProperty({ example: 'CN=VPUB Ha Giang - system, OU=000.00.01.H29, O=..., C=VN' })
  subject!: string;

  @ApiProperty()
  serialNumber!: string;

  @ApiProperty({ format: 'date-time' })
  notBefore!: string;

  @ApiProperty({ format: 'date-time' })
  notAfter!: string;

  @ApiProperty({ enum: ['active', 'retired'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt!: string | null;
}

export class AgencyListDto {
  @ApiProperty({ type: [AgencyViewDto] })
  agencies!: AgencyViewDto[];
}

export class AgencyWithCertificatesDto extends AgencyViewDto {
  @ApiProperty({ type: [CertificateViewDto] })
  certificates!: CertificateViewDto[];
}

export class CertificateRotationDto {
  @ApiProperty({ type: CertificateViewDto })
  registered!: CertificateViewDto;

  @ApiProperty({ type: CertificateViewDto })
  retired!: CertificateViewDto;
}

export class RegisterAgencyRequestDto {
  @ApiProperty({ example: '000.00.01.H29' })
  code!: string;

  @ApiProperty({ maxLength: 250, example: 'Ủy ban nhân dân tỉnh Hà Giang' })
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    required: false,
    description: 'Implied by the code when omitted.',
  })
  parentCode?: string | null;
}

export class UpdateAgencyRequestDto {
  @ApiProperty({ required: false, maxLength: 250 })
  name?: string;

  @ApiProperty({ type: String, nullable: true, required: false })
  parentCode?: string | null;
}

export class RegisterCertificateRequestDto {
  @ApiProperty({ description: 'The client certificate, PEM (issued by a TLS client CA).' })
  certificatePem!: string;

  @ApiProperty({ enum: CERTIFICATE_ROLES, isArray: true })
  roles!: string[];
}

export class RotateCertificateRequestDto {
  @ApiProperty({ description: 'The successor certificate, PEM.' })
  certificatePem!: string;

  @ApiProperty({
    enum: CERTIFICATE_ROLES,
    isArray: true,
    required: false,
    description: 'Default: the roles of the certificate it replaces.',
  })
  roles?: string[];
}

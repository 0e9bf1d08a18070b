import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUB_INDICATIONS } from '@docaxis/signature/report/sub-indication';

export class ReportMessageDto {
  @ApiProperty({ example: 'PDF_UNSIGNED' })
  code!: string;

  @ApiProperty({ example: 'The document carries no signature.', description: 'English.' })
  text!: string;

  @ApiPropertyOptional({
    description:
      'Revocation findings only: the text as data (`kind`: `status-unknown`, `on-hold`, ' +
      '`revoked-compromise`, `revoked-before-signing`, `revoked-after-signing`, with the ' +
      'certificate and instants), which the Vietnamese reports word.',
    type: 'object',
    additionalProperties: true,
  })
  explanation?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: ['validation-time'],
    description:
      'Certificate validity findings (CERTIFICATE_EXPIRED, CERTIFICATE_NOT_YET_VALID) only: ' +
      'judged at the validation time, the signature stating no signing time.',
  })
  judgedAt?: 'validation-time';
}

/** One file's report; signatures are described in full by the JSON the API returns. */
export class FileVerificationReportDto {
  @ApiProperty({ example: 'quyet-dinh-123.pdf' })
  fileName!: string;

  @ApiProperty({
    enum: ['TOTAL-PASSED', 'TOTAL-FAILED', 'INDETERMINATE'],
    description: 'ETSI EN 319 102-1 main indication.',
  })
  indication!: string;

  @ApiPropertyOptional({ enum: SUB_INDICATIONS, description: 'ETSI sub-indication.' })
  subIndication?: string;

  @ApiProperty({ description: 'Lower-case hex SHA-256 of the file.' })
  fileSha256!: string;

  @ApiProperty({ example: 184213 })
  fileSize!: number;

  @ApiProperty({ format: 'date-time' })
  validationTime!: string;

  @ApiProperty({ type: [ReportMessageDto] })
  messages!: ReportMessageDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Per signature: signer, chain, revocation, coverage, indication.',
  })
  signatures!: Record<string, unknown>[];
}

export class VerifyResponseDto {
  @ApiProperty({ type: [FileVerificationReportDto] })
  reports!: FileVerificationReportDto[];
}

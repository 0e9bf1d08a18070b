import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from '../http/domain-exception.filter';

/** The inner object of every error response (see DomainExceptionFilter). */
export class ErrorDto {
  @ApiProperty({
    description:
      'Stable, machine-readable code; clients switch on it. It never changes once published.',
    example: 'ENVELOPE_INVALID',
  })
  code!: string;

  @ApiProperty({
    description:
      'Human-readable explanation, in Vietnamese by default and in English with `?lang=en` or `Accept-Language: en` (the `Content-Language` header says which); wording may improve over time, switch on `code`.',
    example: 'Thiếu trường "envelope" (thông tin văn bản điện tử đi, dạng JSON).',
  })
  message!: string;

  @ApiPropertyOptional({
    description:
      'Structured facts about the failure, e.g. per-field `issues` for ENVELOPE_INVALID.',
    type: 'object',
    additionalProperties: true,
    example: { issues: [{ path: 'recipients', code: 'FIELD_REQUIRED' }] },
  })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Only on 5xx: quote it to the axis operators; the same id is in the server log.',
    format: 'uuid',
  })
  errorId?: string;
}

/** `{"error": {...}}`: the body of every 4xx and 5xx answer of the API. */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ type: ErrorDto })
  error!: ErrorDto;
}

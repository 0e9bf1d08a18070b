import { ApiProperty } from '@nestjs/swagger';
import type { ParkedMessageState } from '@docaxis/persistence/parked-message/parked-message.entity';
import type {
  ParkedMessageDetail,
  ParkedMessagePage,
  ParkedMessageSummary,
} from './parked-message-view';

const STATES: ParkedMessageState[] = ['parked', 'redriven', 'discarded'];

export class ParkedMessageSummaryDto implements ParkedMessageSummary {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'AMQP messageId, kept on redrive.' })
  messageId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'delivery.requested' })
  messageType!: string | null;

  @ApiProperty({
    description: 'Broker queue it failed on.',
    example: 'docaxis.inbox.000.00.00.H41.v1',
  })
  sourceQueue!: string;

  @ApiProperty({ example: '000.00.00.H41' })
  routingKey!: string;

  @ApiProperty({ example: 'MESSAGING_RETRIES_EXHAUSTED' })
  errorCode!: string;

  @ApiProperty()
  errorReason!: string;

  @ApiProperty({ description: 'Deliveries or attempts before it was parked.' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  parkedAt!: string;

  @ApiProperty({ enum: STATES })
  state!: ParkedMessageState;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Certificate subject of the admin.' })
  resolvedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was discarded.' })
  resolutionReason!: string | null;
}

export class ParkedMessageDetailDto extends ParkedMessageSummaryDto implements ParkedMessageDetail {
  @ApiProperty({ type: 'object', additionalProperties: true })
  headers!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true })
  properties!: Record<string, unknown>;

  @ApiProperty({ description: 'The body: JSON as sent, or base64 (see payloadEncoding).' })
  payload!: unknown;

  @ApiProperty({ enum: ['json', 'base64'] })
  payloadEncoding!: 'json' | 'base64';
}

export class ParkedMessagePageDto implements ParkedMessagePage {
  @ApiProperty({ type: [ParkedMessageSummaryDto] })
  items!: ParkedMessageSummaryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor`; null on the last page.',
  })
  nextCursor!: string | null;
}

export class DiscardParkedMessageBodyDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'test message, never a real dispatch' })
  reason!: string;
}

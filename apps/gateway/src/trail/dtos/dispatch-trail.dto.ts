import { ApiProperty } from '@nestjs/swagger';
import type { DispatchTrail, TrailEntry } from '../read-trail.usecase';

export class TrailEntryDto implements TrailEntry {
  @ApiProperty({ description: 'Position in the audit hash chain.', example: 42 })
  seq!: number;

  @ApiProperty({ example: 'dispatch.delivered' })
  eventType!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '000.00.00.G22' })
  senderCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '000.00.01.H29' })
  recipientCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actor!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;

  @ApiProperty({
    description: 'Lower-case hex SHA-256 of this record, chained to the previous one.',
  })
  hash!: string;
}

export class DispatchTrailDto implements DispatchTrail {
  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({ type: [TrailEntryDto] })
  entries!: TrailEntryDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import type { RecallResult } from '../recall-dispatch.usecase';

export class RecallRequestDto {
  @ApiProperty({
    description:
      'Why it is recalled (lý do thu hồi), shown to the recipients. At most 2,000 characters.',
    example: 'Sai sót về nội dung, sẽ ban hành văn bản thay thế',
  })
  reason!: string;
}

export class RecallResultDto implements RecallResult {
  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({ format: 'date-time' })
  recalledAt!: string;

  @ApiProperty({ example: 'Sai sót về nội dung, sẽ ban hành văn bản thay thế' })
  reason!: string;

  @ApiProperty({
    type: [String],
    description:
      'Recipients that had neither fetched it nor reported a status on it: it is gone from their inbox.',
    example: ['000.00.14.H20'],
  })
  withdrawnFrom!: string[];

  @ApiProperty({
    type: [String],
    description:
      'Recipients that had fetched it or reported a status on it: a recall request (13) goes to their inbox; they answer 15 or 16.',
    example: ['000.00.00.H41'],
  })
  requestedFrom!: string[];
}

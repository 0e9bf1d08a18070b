import { ApiProperty } from '@nestjs/swagger';
import { RecipientViewDto } from '../../dispatches/dtos/dispatch-view.dto';
import type { SentItem, SentPage } from '../list-sent.usecase';

export class SentItemDto implements SentItem {
  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({ example: '000.00.00.G22,2026/05/04,123/QĐ-VPCP' })
  documentId!: string;

  @ApiProperty({ description: 'Trích yếu nội dung.', example: 'Về việc tổ chức hội nghị' })
  subject!: string;

  @ApiProperty({ description: 'Độ khẩn.', example: 'normal' })
  urgency!: string;

  @ApiProperty({
    description:
      'accepted, verified, routed or rejected; withdrawn when recalled before it was routed (it reached nobody)',
    example: 'routed',
  })
  state!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  recalledAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  replacesDispatchId!: string | null;

  @ApiProperty({ type: [RecipientViewDto] })
  recipients!: RecipientViewDto[];
}

export class SentPageDto implements SentPage {
  @ApiProperty({ type: [SentItemDto] })
  items!: SentItemDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor` for older dispatches; null at the oldest.',
  })
  nextCursor!: string | null;
}

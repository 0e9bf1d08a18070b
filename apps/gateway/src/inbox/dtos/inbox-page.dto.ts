import { ApiProperty } from '@nestjs/swagger';
import type { InboxItem, InboxPage } from '../list-inbox.usecase';

export class InboxItemDto implements InboxItem {
  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({ example: '000.00.00.G22,2026/05/04,123/QĐ-VPCP' })
  documentId!: string;

  @ApiProperty({ example: '000.00.00.G22' })
  senderCode!: string;

  @ApiProperty({ description: 'Trích yếu nội dung.', example: 'Về việc tổ chức hội nghị' })
  subject!: string;

  @ApiProperty({ description: 'Độ khẩn.', example: 'normal' })
  urgency!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;

  @ApiProperty({ example: 'delivered' })
  state!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
}

export class InboxPageDto implements InboxPage {
  @ApiProperty({ type: [InboxItemDto] })
  items!: InboxItemDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor` for what arrived after this page; null when caught up.',
  })
  nextCursor!: string | null;
}

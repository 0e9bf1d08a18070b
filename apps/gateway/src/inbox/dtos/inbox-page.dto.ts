import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { StatusNoticeViewDto } from '../../status-notices/dtos/status-notice-view.dto';
import type { DispatchInboxItem, InboxPage, StatusInboxItem } from '../list-inbox.usecase';

export class DispatchInboxItemDto implements DispatchInboxItem {
  @ApiProperty({ enum: ['dispatch'] })
  kind!: 'dispatch';

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

export class StatusInboxItemDto implements StatusInboxItem {
  @ApiProperty({ enum: ['status'] })
  kind!: 'status';

  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({ example: '000.00.00.G22,2026/05/04,123/QĐ-VPCP' })
  documentId!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;

  @ApiProperty({ type: StatusNoticeViewDto })
  notice!: StatusNoticeViewDto;
}

@ApiExtraModels(DispatchInboxItemDto, StatusInboxItemDto)
export class InboxPageDto implements InboxPage {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(DispatchInboxItemDto) },
        { $ref: getSchemaPath(StatusInboxItemDto) },
      ],
    },
    description:
      'Dispatches delivered to you (`kind: "dispatch"`) and status notices for you ' +
      '(`kind: "status"`), in one order.',
  })
  items!: (DispatchInboxItemDto | StatusInboxItemDto)[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass back as `cursor` for what arrived after this page; null when caught up.',
  })
  nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { StatusNoticeViewDto } from '../../status-notices/dtos/status-notice-view.dto';
import type {
  BlockingStatusNoticeList,
  BlockingStatusNoticeView,
  SkippedStatusNotice,
} from './blocked-status-notice-view';

// OpenAPI shapes of the operators' view of notices held back; `implements` keeps them in step.

export class BlockingStatusNoticeDto implements BlockingStatusNoticeView {
  @ApiProperty({ type: StatusNoticeViewDto })
  notice!: StatusNoticeViewDto;

  @ApiProperty({ description: 'Ready notices waiting behind it.', example: 2 })
  waiting!: number;

  @ApiProperty({ format: 'date-time', description: 'When the first of them became ready.' })
  waitingSince!: string;
}

export class BlockingStatusNoticeListDto implements BlockingStatusNoticeList {
  @ApiProperty({ type: [BlockingStatusNoticeDto] })
  items!: BlockingStatusNoticeDto[];
}

export class SkipStatusNoticeBodyDto {
  @ApiProperty({
    description: 'Why it is given up (1 to 2000 characters); shown as the gap in the inbox.',
    example: 'Thông điệp status.noticed hỏng, không đọc được (parked message 0196…)',
  })
  reason!: string;
}

export class ReleasedStatusNoticeDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: "Its position in the addressee's inbox." })
  deliverySeq!: number;
}

export class SkippedStatusNoticeDto implements SkippedStatusNotice {
  @ApiProperty({ type: StatusNoticeViewDto })
  notice!: StatusNoticeViewDto;

  @ApiProperty({ type: [ReleasedStatusNoticeDto] })
  released!: ReleasedStatusNoticeDto[];
}

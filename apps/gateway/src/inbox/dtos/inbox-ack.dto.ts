import { ApiProperty } from '@nestjs/swagger';
import { RecipientViewDto } from '../../dispatches/dtos/dispatch-view.dto';
import type { InboxAckItem, InboxAckResult } from '../acknowledge-inbox.usecase';

export class InboxAckRequestDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Dispatches of your inbox to acknowledge, each once, at least one and at most ' +
      'ACK_BATCH_MAX (500 by default).',
    example: ['019a5a8e-7f3c-7d2e-9b1a-3c4d5e6f7a8b'],
  })
  dispatchIds!: string[];
}

class InboxAckItemErrorDto {
  @ApiProperty({
    enum: ['NOT_A_RECIPIENT', 'DISPATCH_NOT_FOUND', 'DISPATCH_WITHDRAWN'],
    description:
      'The code POST /dispatches/{id}/ack would answer (DISPATCH_NOT_FOUND there for a withdrawn one).',
  })
  code!: string;

  @ApiProperty({
    description:
      'In Vietnamese by default, in English with `?lang=en` or `Accept-Language: en` (`Content-Language` says which).',
    example: 'Không tìm thấy văn bản 019a5a8e-… trong số các văn bản cơ quan được phép xem.',
  })
  message!: string;
}

export class InboxAckItemDto implements InboxAckItem {
  @ApiProperty({ format: 'uuid', description: 'As requested.' })
  dispatchId!: string;

  @ApiProperty({
    enum: ['acknowledged', 'already_acknowledged', 'not_a_recipient', 'not_found', 'recalled'],
    description:
      '`acknowledged` now, or `already_acknowledged` before (nothing changes); ' +
      '`not_a_recipient`: your agency sent it; `recalled`: the sender withdrew it from your inbox ' +
      'before you fetched it; `not_found`: no dispatch of yours by that id.',
  })
  outcome!: InboxAckItem['outcome'];

  @ApiProperty({
    type: RecipientViewDto,
    nullable: true,
    description: 'Your delivery, when acknowledged (now or before).',
  })
  delivery!: RecipientViewDto | null;

  @ApiProperty({ type: InboxAckItemErrorDto, nullable: true })
  error!: InboxAckItemErrorDto | null;
}

export class InboxAckResultDto implements InboxAckResult {
  @ApiProperty({ type: [InboxAckItemDto], description: 'One per requested id, in order.' })
  results!: InboxAckItemDto[];
}

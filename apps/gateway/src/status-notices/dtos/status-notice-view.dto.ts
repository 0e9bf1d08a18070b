import { ApiProperty } from '@nestjs/swagger';
import type { ReceivedTraceEntry } from '@docaxis/edxml/packet/received-trace';
import type { StaffInfo } from '@docaxis/persistence/status-notice/status-notice.entity';
import type { StatusNoticeView } from './status-notice-view';

// OpenAPI shapes of status notices; `implements` keeps them in step with the interfaces.

export class StaffInfoDto implements StaffInfo {
  @ApiProperty({ required: false, example: 'Văn thư' })
  department?: string;

  @ApiProperty({ required: false, example: 'Lê Thị Hoa' })
  staff?: string;

  @ApiProperty({ required: false, example: 'vanthu@nghean.gov.vn' })
  email?: string;

  @ApiProperty({ required: false, example: '0912345678' })
  mobile?: string;
}

export class ReceivedTraceEntryDto implements ReceivedTraceEntry {
  @ApiProperty({ example: '000.00.00.H41', description: 'The system that handed the notice on.' })
  organId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-20T09:05:00+07:00' })
  timestamp!: string;
}

export class StatusNoticeRequestDto {
  @ApiProperty({
    required: false,
    description:
      'Your id for this notice (1–128 printable ASCII). Sending it again returns the first notice.',
    example: 'H41-2026-0001',
  })
  noticeId?: string;

  @ApiProperty({
    description:
      'Status code (QĐ 28/2018): 01 Đã đến, 02 Từ chối tiếp nhận, 03 Đã tiếp nhận, 04 Phân công, ' +
      '05 Đang xử lý, 06 Hoàn thành; 15 (or 14) Đồng ý lấy lại, 16 Từ chối lấy lại.',
    example: '03',
  })
  code!: string;

  @ApiProperty({
    required: false,
    type: String,
    nullable: true,
    description: 'Lý do (edXML Description); required for 02 and 16. At most 2,000 characters.',
  })
  reason?: string | null;

  @ApiProperty({ required: false, type: StaffInfoDto, nullable: true })
  staff?: StaffInfoDto | null;

  @ApiProperty({
    required: false,
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it happened in your system (ISO 8601 with offset); now when omitted.',
    example: '2026-11-23T09:15:00+07:00',
  })
  timestamp?: string | null;

  @ApiProperty({
    required: false,
    type: [ReceivedTraceEntryDto],
    nullable: true,
    maxItems: 32,
    description:
      "The systems the notice passed before the axis, in order (an edXML status packet's " +
      "TraceHeaderList); served back in the status packet before the axis' own entry.",
  })
  trace?: ReceivedTraceEntryDto[] | null;
}

export class SkippedNoticeDto {
  @ApiProperty({ format: 'date-time', description: 'When the operator discarded it.' })
  at!: string;

  @ApiProperty({ type: String, nullable: true, description: "The operator's reason." })
  reason!: string | null;
}

export class StatusNoticeViewDto implements StatusNoticeView {
  @ApiProperty({ format: 'uuid', description: "The axis' id of the notice." })
  id!: string;

  @ApiProperty({ example: 'H41-2026-0001', description: "The author's id of the notice." })
  noticeId!: string;

  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({
    example: '000.00.00.H41',
    description: 'The recipient whose copy it is about.',
  })
  recipientCode!: string;

  @ApiProperty({ example: '000.00.00.H41', description: 'Who sent it (13: the sender).' })
  authorCode!: string;

  @ApiProperty({ example: '000.00.00.G22', description: 'Whose inbox it goes to.' })
  addresseeCode!: string;

  @ApiProperty({ example: '03' })
  code!: string;

  @ApiProperty({ example: 'Đã tiếp nhận' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: StaffInfoDto, nullable: true })
  staff!: StaffInfoDto | null;

  @ApiProperty({ format: 'date-time', description: 'When the author says it happened.' })
  timestamp!: string;

  @ApiProperty({ format: 'date-time', description: 'When the axis recorded it.' })
  recordedAt!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When it reached the addressee's inbox; null while on its way.",
  })
  deliveredAt!: string | null;

  @ApiProperty({
    type: SkippedNoticeDto,
    nullable: true,
    description:
      "Set when an operator discarded the notice's parked message: it never reaches the inbox " +
      'and the notices after it were delivered without it.',
  })
  skipped!: SkippedNoticeDto | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      "For a notice posted as an edXML status packet: its XML signature report, verified as a dispatch packet's (status unsigned, or signed with the ETSI indication, signer, chain, algorithms, and signedByAuthor: whether the signer certificate's agency is the notice's author). Reported, not judged: a failed signature does not refuse the notice. Null for a notice posted as JSON and for a recall request.",
  })
  envelopeSignature!: Record<string, unknown> | null;
}

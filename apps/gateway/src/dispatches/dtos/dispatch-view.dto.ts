import { ApiProperty } from '@nestjs/swagger';
import { StatusNoticeViewDto } from '../../status-notices/dtos/status-notice-view.dto';
import type { SubmitDispatchResult } from '../submit-dispatch.usecase';
import type { DispatchLinkView, DispatchView, RecipientView } from './dispatch-view';

// OpenAPI shapes of the dispatch views; `implements` keeps them in step with the interfaces
// the use cases return.

const instant = (description: string, nullable = true) =>
  ApiProperty({
    description,
    type: String,
    format: 'date-time',
    nullable,
    example: '2026-05-04T08:15:30.000Z',
  });

export class SubmitDispatchResultDto implements SubmitDispatchResult {
  @ApiProperty({ format: 'uuid', example: '0b8f3f5e-2a51-4c7e-9d43-4f5b3c2a1d10' })
  dispatchId!: string;

  @ApiProperty({
    description: 'The document id (mã văn bản) from the envelope.',
    example: '000.00.00.G22,2026/05/04,123/QĐ-VPCP',
  })
  documentId!: string;

  @ApiProperty({ example: 'accepted', description: 'Life-cycle state right after acceptance.' })
  state!: string;

  @ApiProperty({
    description: 'True when this answers a replay (same Idempotency-Key and content).',
    example: false,
  })
  replayed!: boolean;
}

export class RecipientViewDto implements RecipientView {
  @ApiProperty({ description: 'Recipient agency code (mã định danh).', example: '000.00.01.H29' })
  agencyCode!: string;

  @ApiProperty({
    description:
      "The axis' own delivery step: pending → queued → delivered → fetched → acknowledged; " +
      'recalled when the sender recalled it before the recipient fetched it.',
    example: 'delivered',
  })
  state!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Last processing status the recipient reported (01–06), if any.',
    example: null,
  })
  statusCode!: string | null;

  @instant('When the recipient last sent a status notice.')
  statusAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['requested', 'accepted', 'refused'],
    description: 'A recall of a fetched copy: requested (13), accepted (15) or refused (16).',
  })
  recallState!: string | null;

  @instant('When the sender recalled it from this recipient.')
  recalledAt!: string | null;

  @instant('When the message was queued for the recipient.')
  queuedAt!: string | null;

  @instant('When it reached the inbox.')
  deliveredAt!: string | null;

  @instant('When the recipient first downloaded a file.')
  fetchedAt!: string | null;

  @instant('When the recipient acknowledged receipt.')
  acknowledgedAt!: string | null;
}

export class DispatchFileViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 0 })
  ordinal!: number;

  @ApiProperty({ example: 'quyet-dinh-123.pdf' })
  fileName!: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType!: string;

  @ApiProperty({ example: 184213 })
  sizeBytes!: number;

  @ApiProperty({ description: 'Lower-case hex SHA-256 of the bytes as signed.' })
  sha256!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The verification report of this file (ETSI EN 319 102-1 shaped), once verified.',
  })
  verification!: Record<string, unknown> | null;
}

export class RejectionDto {
  @ApiProperty({ example: 'SIGNATURE_INVALID' })
  code!: string;

  @ApiProperty({
    description:
      "The reason for the sender's clerk, in the language asked for (`?lang` or " +
      '`Accept-Language`; Vietnamese by default). A dispatch rejected before Vietnamese reasons ' +
      'were recorded has its English one in either language.',
    example:
      'Chữ ký số thứ 2 (Văn phòng Chính phủ) trên tệp "cong-van.pdf": chứng thư số đã bị thu hồi trước thời điểm ký.',
  })
  message!: string;
}

export class DispatchLinkDto implements DispatchLinkView {
  @ApiProperty({ format: 'uuid' })
  dispatchId!: string;

  @ApiProperty({ example: '000.00.00.G22,2026/05/04,123/QĐ-VPCP' })
  documentId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Sửa sai sót về nội dung' })
  reason!: string | null;
}

export class RecallDto {
  @ApiProperty({ format: 'date-time' })
  recalledAt!: string;

  @ApiProperty({ example: 'Sai sót về nội dung' })
  reason!: string;
}

export class DispatchViewDto implements DispatchView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '000.00.00.G22,2026/05/04,123/QĐ-VPCP' })
  documentId!: string;

  @ApiProperty({ example: '000.00.00.G22' })
  senderCode!: string;

  @ApiProperty({
    description:
      'accepted → verified → routed, or rejected (see `rejection`), or withdrawn: recalled by its sender before it was routed, it reached nobody (see `recall`)',
    example: 'routed',
  })
  state!: string;

  @ApiProperty({ type: RejectionDto, nullable: true })
  rejection!: RejectionDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The envelope as submitted (sender, recipients, document metadata).',
  })
  envelope!: Record<string, unknown>;

  @instant('When the dispatch was accepted.', false)
  createdAt!: string;

  @instant('When its signatures were judged.')
  verifiedAt!: string | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'For a dispatch submitted as an edXML packet: its XML signature report (status unsigned, or signed with the ETSI indication, signer, chain, algorithms), beside the PDF reports in files. Null for JSON submissions.',
  })
  envelopeSignature!: Record<string, unknown> | null;

  @ApiProperty({ type: [DispatchFileViewDto] })
  files!: DispatchFileViewDto[];

  @ApiProperty({
    type: [RecipientViewDto],
    description: 'The sender sees every recipient; a recipient sees only itself.',
  })
  recipients!: RecipientViewDto[];

  @ApiProperty({ type: RecallDto, nullable: true, description: 'Set once the sender recalled it.' })
  recall!: RecallDto | null;

  @ApiProperty({
    type: [StatusNoticeViewDto],
    description: 'Status notices, oldest first: all for the sender, its own for a recipient.',
  })
  notices!: StatusNoticeViewDto[];

  @ApiProperty({
    type: DispatchLinkDto,
    nullable: true,
    description: 'The earlier dispatch this one replaces (an update; envelope `replaces`).',
  })
  replaces!: DispatchLinkDto | null;

  @ApiProperty({
    type: [DispatchLinkDto],
    description: 'Later dispatches that replace this one, oldest first.',
  })
  replacedBy!: DispatchLinkDto[];
}

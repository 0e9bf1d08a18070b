import type { BilingualText } from '@docaxis/errors/domain-error';
import { InvalidInputError, UnprocessableError } from '@docaxis/errors/domain-error-kinds';

/** The files of a multipart edXML submission do not answer the packet's manifest one to one. */
export class EdxmlAttachmentsMismatchError extends InvalidInputError {
  constructor(reason: BilingualText) {
    super(
      'EDXML_ATTACHMENTS_MISMATCH',
      `The files of this edXML submission do not match its manifest: ${reason.en}.`,
      undefined,
      { vi: `Các tệp của gói tin edXML này không khớp với danh mục (manifest): ${reason.vi}.` },
    );
  }
}

/**
 * A packet whose `Bussiness` is a recall (1) or an update of metadata (2) is not a dispatch: it
 * would otherwise be taken for a new document. A recall has its own route; docaxis changes a sent
 * document only by replacing it (3).
 */
export class EdxmlBusinessTypeUnsupportedError extends UnprocessableError {
  constructor(businessDocType: 'recall' | 'update') {
    const [en, vi] =
      businessDocType === 'recall'
        ? [
            'BussinessDocType 1 (recall) is not a dispatch: recall with POST /api/v1/dispatches/{id}/recall',
            'BussinessDocType 1 (thu hồi) không phải là văn bản gửi đi: thu hồi văn bản qua POST /api/v1/dispatches/{id}/recall',
          ]
        : [
            'BussinessDocType 2 (update) is not supported: send a replacement (BussinessDocType 3 with ReplacementInfo)',
            'BussinessDocType 2 (cập nhật) không được hỗ trợ: gửi văn bản thay thế (BussinessDocType 3 kèm ReplacementInfo)',
          ];
    super(
      'EDXML_BUSINESS_TYPE_UNSUPPORTED',
      `This edXML packet cannot be submitted as a dispatch: ${en}.`,
      { businessDocType },
      { vi: `Gói tin edXML này không thể gửi như một văn bản: ${vi}.` },
    );
  }
}

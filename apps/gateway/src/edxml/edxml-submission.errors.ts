import type { BilingualText } from '@docaxis/errors/domain-error';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

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

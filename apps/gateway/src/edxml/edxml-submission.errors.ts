import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** The files of a multipart edXML submission do not answer the packet's manifest one to one. */
export class EdxmlAttachmentsMismatchError extends InvalidInputError {
  constructor(reason: string) {
    super(
      'EDXML_ATTACHMENTS_MISMATCH',
      `The files of this edXML submission do not match its manifest: ${reason}.`,
    );
  }
}

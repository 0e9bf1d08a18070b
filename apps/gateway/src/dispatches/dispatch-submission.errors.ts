import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
  UnsupportedMediaError,
} from '@docaxis/errors/domain-error-kinds';

export class MultipartInvalidError extends InvalidInputError {
  constructor(reason: string) {
    super('MULTIPART_INVALID', `The request is not a valid multipart/form-data upload: ${reason}.`);
  }
}

export class EnvelopeMissingError extends InvalidInputError {
  constructor() {
    super(
      'ENVELOPE_MISSING',
      'The multipart field "envelope" (the dispatch envelope as JSON) is missing.',
    );
  }
}

export class EnvelopeNotJsonError extends InvalidInputError {
  constructor(reason: string) {
    super('ENVELOPE_NOT_JSON', `The envelope field is not valid JSON: ${reason}.`);
  }
}

export class EnvelopeDuplicateError extends InvalidInputError {
  constructor() {
    super(
      'ENVELOPE_DUPLICATE',
      'The request carries more than one envelope: send it once, as the text field or the file part "envelope".',
    );
  }
}

export class EnvelopeMediaTypeUnsupportedError extends UnsupportedMediaError {
  constructor(declared: string) {
    super(
      'ENVELOPE_MEDIA_TYPE_UNSUPPORTED',
      `The envelope file part is declared as ${declared}; send it as UTF-8 JSON (application/json, text/plain or no particular type).`,
      { contentType: declared },
    );
  }
}

export class NoFilesError extends InvalidInputError {
  constructor() {
    super('FILES_MISSING', 'A dispatch needs at least one PDF in the multipart field "files".');
  }
}

export class FileTooLargeError extends PayloadTooLargeError {
  constructor(limitBytes: number) {
    super('FILE_TOO_LARGE', `A file exceeds the limit of ${limitBytes} bytes.`, { limitBytes });
  }
}

export class TooManyFilesError extends PayloadTooLargeError {
  constructor(limit: number) {
    super('TOO_MANY_FILES', `A dispatch may carry at most ${limit} files.`, { limit });
  }
}

export class EnvelopeTooLargeError extends PayloadTooLargeError {
  constructor(limitBytes: number) {
    super('ENVELOPE_TOO_LARGE', `The envelope exceeds the limit of ${limitBytes} bytes.`, {
      limitBytes,
    });
  }
}

export class FileNotPdfError extends UnsupportedMediaError {
  constructor(fileName: string) {
    super('FILE_NOT_PDF', `"${fileName}" is not a PDF document (it does not start with %PDF-).`, {
      fileName,
    });
  }
}

export class SenderMismatchError extends ForbiddenError {
  constructor(envelopeSender: string, certificateAgency: string) {
    super(
      'SENDER_MISMATCH',
      `The envelope names ${envelopeSender} as sender, but the client certificate belongs to ${certificateAgency}.`,
      { envelopeSender, certificateAgency },
    );
  }
}

export class UnknownRecipientError extends UnprocessableError {
  constructor(unknown: readonly string[]) {
    super(
      'RECIPIENT_UNKNOWN',
      `Recipient agency not registered on the axis: ${unknown.join(', ')}.`,
      {
        recipients: unknown,
      },
    );
  }
}

export class UmbrellaRecipientError extends UnprocessableError {
  constructor(umbrella: string, registeredBelow: readonly string[]) {
    super(
      'RECIPIENT_IS_UMBRELLA',
      `Recipient ${umbrella} is not registered on the axis; it is an umbrella over the registered agencies ${registeredBelow.join(', ')}. The axis does not fan a dispatch out to them: address each intended recipient by its own code.`,
      { recipient: umbrella, registeredBelow },
    );
  }
}

export class RecipientSuspendedError extends UnprocessableError {
  constructor(suspended: readonly string[]) {
    super('RECIPIENT_SUSPENDED', `Recipient agency suspended: ${suspended.join(', ')}.`, {
      recipients: suspended,
    });
  }
}

export class IdempotencyKeyInvalidError extends InvalidInputError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_INVALID',
      'The Idempotency-Key header must be 1 to 128 printable ASCII characters.',
    );
  }
}

export class IdempotencyKeyReusedError extends ConflictError {
  constructor(dispatchId: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different dispatch; use a new key for new content.',
      { dispatchId },
    );
  }
}

export class DuplicateNumberNotationError extends ConflictError {
  constructor(numberNotation: string) {
    super(
      'DISPATCH_NUMBER_DUPLICATE',
      `Your agency already sent a dispatch numbered ${numberNotation} this year.`,
      { numberNotation },
    );
  }
}

export class DispatchNotFoundError extends NotFoundError {
  constructor(dispatchId: string) {
    // Also what a non-party sees: existence of other agencies' dispatches is not disclosed.
    super('DISPATCH_NOT_FOUND', `No dispatch ${dispatchId} is visible to your agency.`, {
      dispatchId,
    });
  }
}

export class FileNotFoundInDispatchError extends NotFoundError {
  constructor(dispatchId: string, fileId: string) {
    super('FILE_NOT_FOUND', `Dispatch ${dispatchId} has no file ${fileId}.`, {
      dispatchId,
      fileId,
    });
  }
}

export class NotARecipientError extends ForbiddenError {
  constructor(dispatchId: string) {
    super('NOT_A_RECIPIENT', `Only a recipient of dispatch ${dispatchId} can do this.`, {
      dispatchId,
    });
  }
}

export class ReplacedDispatchUnknownError extends UnprocessableError {
  constructor(documentId: string) {
    super(
      'REPLACED_DISPATCH_UNKNOWN',
      `replaces.documentId names no dispatch your agency sent that the axis accepted: ${documentId}.`,
      { documentId },
    );
  }
}

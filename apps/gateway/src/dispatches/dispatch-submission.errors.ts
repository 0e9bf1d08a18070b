import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
  UnsupportedMediaError,
} from '@docaxis/errors/domain-error-kinds';
import type { BilingualText } from '@docaxis/errors/domain-error';
import { byteSizeWording } from '../http/byte-size-wording';

export class MultipartInvalidError extends InvalidInputError {
  constructor(reason: BilingualText) {
    super(
      'MULTIPART_INVALID',
      `The request is not a valid multipart/form-data upload: ${reason.en}.`,
      undefined,
      { vi: `Yêu cầu không phải là dữ liệu tải lên multipart/form-data hợp lệ: ${reason.vi}.` },
    );
  }
}

export class EnvelopeMissingError extends InvalidInputError {
  constructor() {
    super(
      'ENVELOPE_MISSING',
      'The multipart field "envelope" (the dispatch envelope as JSON) is missing.',
      undefined,
      { vi: 'Thiếu trường "envelope" (thông tin văn bản điện tử đi, dạng JSON).' },
    );
  }
}

/** `reason`: a JSON parser's own words are English only; the Vietnamese says what it is about. */
export class EnvelopeNotJsonError extends InvalidInputError {
  constructor(reason: BilingualText) {
    super('ENVELOPE_NOT_JSON', `The envelope field is not valid JSON: ${reason.en}.`, undefined, {
      vi: `Trường "envelope" không phải là JSON hợp lệ: ${reason.vi}.`,
    });
  }
}

export class EnvelopeDuplicateError extends InvalidInputError {
  constructor() {
    super(
      'ENVELOPE_DUPLICATE',
      'The request carries more than one envelope: send it once, as the text field or the file part "envelope".',
      undefined,
      {
        vi: 'Yêu cầu có nhiều hơn một trường "envelope": chỉ gửi một lần, dưới dạng trường văn bản hoặc phần tệp "envelope".',
      },
    );
  }
}

export class EnvelopeMediaTypeUnsupportedError extends UnsupportedMediaError {
  constructor(declared: string) {
    super(
      'ENVELOPE_MEDIA_TYPE_UNSUPPORTED',
      `The envelope file part is declared as ${declared}; send it as UTF-8 JSON (application/json, text/plain or no particular type).`,
      { contentType: declared },
      {
        vi: `Phần tệp "envelope" được khai báo kiểu ${declared}; đề nghị gửi dưới dạng JSON, mã UTF-8 (application/json, text/plain hoặc không khai báo kiểu).`,
      },
    );
  }
}

export class NoFilesError extends InvalidInputError {
  constructor() {
    super(
      'FILES_MISSING',
      'A dispatch needs at least one PDF in the multipart field "files".',
      undefined,
      { vi: 'Văn bản điện tử phải có ít nhất một tệp PDF trong trường "files".' },
    );
  }
}

export class FileTooLargeError extends PayloadTooLargeError {
  constructor(limitBytes: number) {
    const limit = byteSizeWording(limitBytes);
    super(
      'FILE_TOO_LARGE',
      `A file exceeds the limit of ${limit.en}.`,
      { limitBytes },
      { vi: `Có tệp vượt quá dung lượng tối đa ${limit.vi}.` },
    );
  }
}

export class TooManyFilesError extends PayloadTooLargeError {
  constructor(limit: number) {
    super(
      'TOO_MANY_FILES',
      `A dispatch may carry at most ${limit} files.`,
      { limit },
      { vi: `Mỗi văn bản điện tử chỉ được kèm tối đa ${limit} tệp.` },
    );
  }
}

export class EnvelopeTooLargeError extends PayloadTooLargeError {
  constructor(limitBytes: number) {
    const limit = byteSizeWording(limitBytes);
    super(
      'ENVELOPE_TOO_LARGE',
      `The envelope exceeds the limit of ${limit.en}.`,
      { limitBytes },
      { vi: `Thông tin văn bản ("envelope") vượt quá dung lượng tối đa ${limit.vi}.` },
    );
  }
}

export class FileNotPdfError extends UnsupportedMediaError {
  constructor(fileName: string) {
    super(
      'FILE_NOT_PDF',
      `"${fileName}" is not a PDF document (it does not start with %PDF-).`,
      { fileName },
      { vi: `Tệp "${fileName}" không phải là tài liệu PDF (không bắt đầu bằng %PDF-).` },
    );
  }
}

/** A file name the served edXML packet could not carry (AttachmentName, QCVN 102). */
export class FileNameTooLongError extends InvalidInputError {
  constructor(fileName: string, maxLength: number) {
    super(
      'FILE_NAME_TOO_LONG',
      `The file name "${fileName}" is longer than ${maxLength} characters (edXML AttachmentName).`,
      { fileName, maxLength },
      { vi: `Tên tệp "${fileName}" dài quá ${maxLength} ký tự (AttachmentName của edXML).` },
    );
  }
}

export class SenderMismatchError extends ForbiddenError {
  constructor(envelopeSender: string, certificateAgency: string) {
    super(
      'SENDER_MISMATCH',
      `The envelope names ${envelopeSender} as sender, but the client certificate belongs to ${certificateAgency}.`,
      { envelopeSender, certificateAgency },
      {
        vi: `Thông tin văn bản ghi cơ quan gửi là ${envelopeSender}, nhưng chứng thư số của máy khách thuộc cơ quan, tổ chức ${certificateAgency}.`,
      },
    );
  }
}

export class UnknownRecipientError extends UnprocessableError {
  constructor(unknown: readonly string[]) {
    super(
      'RECIPIENT_UNKNOWN',
      `Recipient agency not registered on the axis: ${unknown.join(', ')}.`,
      { recipients: unknown },
      { vi: `Cơ quan nhận chưa được đăng ký trên trục: ${unknown.join(', ')}.` },
    );
  }
}

export class UmbrellaRecipientError extends UnprocessableError {
  constructor(umbrella: string, registeredBelow: readonly string[]) {
    super(
      'RECIPIENT_IS_UMBRELLA',
      `Recipient ${umbrella} is not registered on the axis; it is an umbrella over the registered agencies ${registeredBelow.join(', ')}. The axis does not fan a dispatch out to them: address each intended recipient by its own code.`,
      { recipient: umbrella, registeredBelow },
      {
        vi: `Cơ quan nhận ${umbrella} chưa được đăng ký trên trục; đây là mã cấp trên của các cơ quan, tổ chức đã đăng ký ${registeredBelow.join(', ')}. Trục không tự chuyển văn bản tới các đơn vị này: đề nghị ghi từng nơi nhận bằng mã định danh của chính đơn vị đó.`,
      },
    );
  }
}

export class RecipientSuspendedError extends UnprocessableError {
  constructor(suspended: readonly string[]) {
    super(
      'RECIPIENT_SUSPENDED',
      `Recipient agency suspended: ${suspended.join(', ')}.`,
      { recipients: suspended },
      { vi: `Cơ quan nhận đang bị tạm dừng kết nối: ${suspended.join(', ')}.` },
    );
  }
}

export class IdempotencyKeyInvalidError extends InvalidInputError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_INVALID',
      'The Idempotency-Key header must be 1 to 128 printable ASCII characters.',
      undefined,
      { vi: 'Tiêu đề Idempotency-Key phải gồm từ 1 đến 128 ký tự ASCII in được.' },
    );
  }
}

export class IdempotencyKeyReusedError extends ConflictError {
  constructor(dispatchId: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different dispatch; use a new key for new content.',
      { dispatchId },
      {
        vi: 'Idempotency-Key này đã được dùng cho một văn bản khác; đề nghị dùng khóa mới cho nội dung mới.',
      },
    );
  }
}

export class DuplicateNumberNotationError extends ConflictError {
  constructor(numberNotation: string) {
    super(
      'DISPATCH_NUMBER_DUPLICATE',
      `Your agency already sent a dispatch numbered ${numberNotation} this year.`,
      { numberNotation },
      { vi: `Trong năm nay, cơ quan đã gửi một văn bản có số, ký hiệu ${numberNotation}.` },
    );
  }
}

export class DispatchNotFoundError extends NotFoundError {
  constructor(dispatchId: string) {
    // Also what a non-party sees: existence of other agencies' dispatches is not disclosed.
    super(
      'DISPATCH_NOT_FOUND',
      `No dispatch ${dispatchId} is visible to your agency.`,
      { dispatchId },
      { vi: `Không tìm thấy văn bản ${dispatchId} trong số các văn bản cơ quan được phép xem.` },
    );
  }
}

export class FileNotFoundInDispatchError extends NotFoundError {
  constructor(dispatchId: string, fileId: string) {
    super(
      'FILE_NOT_FOUND',
      `Dispatch ${dispatchId} has no file ${fileId}.`,
      { dispatchId, fileId },
      { vi: `Văn bản ${dispatchId} không có tệp ${fileId}.` },
    );
  }
}

export class NotARecipientError extends ForbiddenError {
  constructor(dispatchId: string) {
    super(
      'NOT_A_RECIPIENT',
      `Only a recipient of dispatch ${dispatchId} can do this.`,
      { dispatchId },
      { vi: `Chỉ cơ quan nhận văn bản ${dispatchId} mới được thực hiện thao tác này.` },
    );
  }
}

export class ReplacedDispatchUnknownError extends UnprocessableError {
  constructor(documentId: string) {
    super(
      'REPLACED_DISPATCH_UNKNOWN',
      `replaces.documentId names no dispatch your agency sent that the axis accepted: ${documentId}.`,
      { documentId },
      {
        vi: `Trường replaces.documentId không trỏ tới văn bản nào do cơ quan gửi và đã được trục tiếp nhận: ${documentId}.`,
      },
    );
  }
}

/** An update replaces the document where the original went: it is not a way to reach others. */
export class ReplacementRecipientNotOriginalError extends UnprocessableError {
  constructor(documentId: string, recipients: readonly string[]) {
    super(
      'REPLACEMENT_RECIPIENT_NOT_ORIGINAL',
      `The document ${documentId} that this dispatch replaces was not sent to ${recipients.join(', ')}: a replacement goes only to the original's recipients; send a new dispatch to others.`,
      { documentId, recipients: [...recipients] },
      {
        vi: `${recipients.join(', ')} không phải là nơi nhận của văn bản ${documentId} được thay thế: văn bản thay thế chỉ gửi tới nơi nhận của văn bản gốc; gửi văn bản mới cho cơ quan khác.`,
      },
    );
  }
}

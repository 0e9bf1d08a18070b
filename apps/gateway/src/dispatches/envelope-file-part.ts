import type { Request } from 'express';
import multer from 'multer';
import {
  EnvelopeDuplicateError,
  EnvelopeMediaTypeUnsupportedError,
  EnvelopeNotJsonError,
  EnvelopeTooLargeError,
  MultipartInvalidError,
} from './dispatch-submission.errors';
import { multipartFilePartsOf } from './multipart-file-parts';

/** The multipart field that carries the dispatch envelope, as a text field or a file part. */
export const ENVELOPE_FIELD = 'envelope';

/**
 * Media types an envelope file part may declare: JSON, plain text, an edXML packet (the field
 * takes one too), or none in particular (`application/octet-stream` is what curl sends for
 * `-F envelope=@envelope.json`, since it knows no type for `.json`).
 */
const ENVELOPE_FILE_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'text/plain',
  'application/xml',
  'text/xml',
  'application/octet-stream',
]);

/**
 * The refusal of an envelope file part declared as anything but text, or null. busboy passes on
 * the media type without its parameters, so a charset is not judged here: the bytes must decode
 * as UTF-8.
 */
export function envelopeFileMediaTypeRefusal(
  mediaType: string | undefined,
): EnvelopeMediaTypeUnsupportedError | null {
  if (mediaType === undefined || mediaType === '') return null;
  if (ENVELOPE_FILE_MEDIA_TYPES.has(mediaType.toLowerCase())) return null;
  return new EnvelopeMediaTypeUnsupportedError(mediaType);
}

/**
 * Multer storage that keeps an envelope file part in memory, held to the envelope's own limit
 * (the text field's `fieldSize`), not the PDFs' `fileSize`: it stops collecting, and fails the
 * upload, at the first byte over. Other file parts go to `files`.
 */
export function envelopeCappedMemoryStorage(
  maxEnvelopeBytes: number,
  files: multer.StorageEngine,
): multer.StorageEngine {
  return {
    _handleFile(request, file, callback) {
      if (file.fieldname !== ENVELOPE_FIELD) return files._handleFile(request, file, callback);
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      file.stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > maxEnvelopeBytes) {
          settled = true;
          file.stream.resume();
          callback(new EnvelopeTooLargeError(maxEnvelopeBytes));
          return;
        }
        chunks.push(chunk);
      });
      file.stream.on('end', () => {
        if (settled) return;
        settled = true;
        const buffer = Buffer.concat(chunks);
        callback(null, { buffer, size: buffer.length });
      });
    },
    _removeFile: (request, file, callback) => files._removeFile(request, file, callback),
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * After multer: one envelope, whichever way it came. A file part's bytes are decoded as UTF-8 (a
 * byte order mark dropped) into `body.envelope`, where the text field would have put them, so the
 * JSON parse and validation that follow are the same for both; two envelopes are refused.
 */
export function takeEnvelopeFilePart(request: Request): void {
  const body = request.body as Record<string, unknown>;
  const files = multipartFilePartsOf(request);
  const textField = body[ENVELOPE_FIELD];
  const fileParts = files[ENVELOPE_FIELD];
  if (Array.isArray(textField)) throw new EnvelopeDuplicateError();
  if (textField !== undefined && typeof textField !== 'string') {
    throw new MultipartInvalidError({
      en: `"${ENVELOPE_FIELD}" must be one text field or one file part`,
      vi: `trường "${ENVELOPE_FIELD}" phải là một trường văn bản hoặc một phần tệp duy nhất`,
    });
  }
  if (fileParts === undefined || fileParts.length === 0) return;
  if (textField !== undefined || fileParts.length > 1) throw new EnvelopeDuplicateError();
  delete files[ENVELOPE_FIELD];
  try {
    body[ENVELOPE_FIELD] = strictUtf8.decode(fileParts[0].buffer);
  } catch {
    throw new EnvelopeNotJsonError({
      en: 'the file part is not UTF-8 text',
      vi: 'phần tệp không phải là văn bản mã UTF-8',
    });
  }
}

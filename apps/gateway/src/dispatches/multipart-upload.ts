import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { DomainError } from '@docaxis/errors/domain-error';
import type { GatewayConfig } from '../config/gateway.config';
import {
  EnvelopeDuplicateError,
  EnvelopeTooLargeError,
  FileTooLargeError,
  MultipartInvalidError,
  TooManyFilesError,
} from './dispatch-submission.errors';
import {
  ENVELOPE_FIELD,
  envelopeCappedMemoryStorage,
  envelopeFileMediaTypeRefusal,
  takeEnvelopeFilePart,
} from './envelope-file-part';
import { filePiecesStorage } from './file-pieces-storage';

type UploadLimits = Pick<
  GatewayConfig,
  'MAX_FILE_BYTES' | 'MAX_FILES_PER_DISPATCH' | 'MAX_ENVELOPE_BYTES'
>;

/** multer's other refusals (its messages are English only), in Vietnamese. */
const MULTER_LIMIT_VI: Readonly<Partial<Record<MulterError['code'], string>>> = {
  LIMIT_PART_COUNT: 'yêu cầu có quá nhiều phần',
  LIMIT_FIELD_COUNT: 'yêu cầu có quá nhiều trường',
  LIMIT_FIELD_KEY: 'tên trường quá dài',
  MISSING_FIELD_NAME: 'có phần thiếu tên trường',
};

export interface MultipartUploadOptions {
  /** Whether the envelope may come as a file part (POST /dispatches) besides a text field. */
  envelopeFilePart: boolean;
  /**
   * Whether `files` parts are kept in the pieces they arrived in (`filePiecesStorage`, read with
   * `filePartBytes`) rather than joined into `buffer`: for bytes that are only hashed and stored.
   */
  filePieces: boolean;
}

/** Reads a multipart request into `request.body` and `request.files`, or rejects typed. */
export type MultipartUploadReader = (request: Request, response: Response) => Promise<void>;

/**
 * Parses `multipart/form-data` (text fields, file parts `files`, and with `envelopeFilePart` one
 * file part `envelope`) with hard limits, and turns multer's failures into typed errors with
 * stable codes (Nest's own multer wrapper keeps only a message). Files stay in memory (whole, or
 * in pieces with `filePieces`): they are bounded by the limits and hashed right away; an
 * envelope file part by the envelope's limit.
 */
export function multipartUploadReader(
  limits: UploadLimits,
  options: MultipartUploadOptions,
): MultipartUploadReader {
  const envelopeFileParts = options.envelopeFilePart ? 1 : 0;
  const parts = [{ name: 'files', maxCount: limits.MAX_FILES_PER_DISPATCH }];
  if (options.envelopeFilePart) parts.push({ name: ENVELOPE_FIELD, maxCount: 1 });
  const upload = multer({
    storage: envelopeCappedMemoryStorage(
      limits.MAX_ENVELOPE_BYTES,
      options.filePieces ? filePiecesStorage() : multer.memoryStorage(),
    ),
    fileFilter: (_request, file, accept) => {
      const refusal =
        file.fieldname === ENVELOPE_FIELD ? envelopeFileMediaTypeRefusal(file.mimetype) : null;
      if (refusal) accept(refusal);
      else accept(null, true);
    },
    // Browsers and curl send file names as raw UTF-8; busboy's latin1 default garbles Vietnamese.
    defParamCharset: 'utf8',
    limits: {
      fileSize: limits.MAX_FILE_BYTES,
      files: limits.MAX_FILES_PER_DISPATCH + envelopeFileParts,
      fieldSize: limits.MAX_ENVELOPE_BYTES,
      fields: 5,
      parts: limits.MAX_FILES_PER_DISPATCH + envelopeFileParts + 5,
      headerPairs: 200,
    },
  }).fields(parts);

  const translate = (error: unknown): Error => {
    if (error instanceof DomainError) return error;
    if (error instanceof MulterError) {
      switch (error.code) {
        case 'LIMIT_FILE_SIZE':
          return new FileTooLargeError(limits.MAX_FILE_BYTES);
        case 'LIMIT_FILE_COUNT':
          return new TooManyFilesError(limits.MAX_FILES_PER_DISPATCH);
        case 'LIMIT_FIELD_VALUE':
          return new EnvelopeTooLargeError(limits.MAX_ENVELOPE_BYTES);
        case 'LIMIT_UNEXPECTED_FILE':
          if (error.field === 'files') return new TooManyFilesError(limits.MAX_FILES_PER_DISPATCH);
          if (options.envelopeFilePart && error.field === ENVELOPE_FIELD) {
            return new EnvelopeDuplicateError();
          }
          return new MultipartInvalidError({
            en: `unexpected file field "${error.field ?? ''}" (use "files")`,
            vi: `phần tệp "${error.field ?? ''}" không được chấp nhận (tệp gửi trong trường "files")`,
          });
        default:
          return new MultipartInvalidError({
            en: error.message,
            vi: MULTER_LIMIT_VI[error.code] ?? 'dữ liệu vượt quá giới hạn cho phép',
          });
      }
    }
    // busboy's parse errors (truncated body, bad boundary) arrive as plain Errors, worded in English.
    return new MultipartInvalidError({
      en: error instanceof Error ? error.message : String(error),
      vi: 'dữ liệu bị thiếu hoặc sai cấu trúc',
    });
  };

  return async (request, response) => {
    if (!request.is('multipart/form-data')) {
      throw new MultipartInvalidError({
        en: 'Content-Type must be multipart/form-data',
        vi: 'tiêu đề Content-Type phải là multipart/form-data',
      });
    }
    await new Promise<void>((resolve, reject) => {
      upload(request, response, (error: unknown) => (error ? reject(translate(error)) : resolve()));
    });
    if (options.envelopeFilePart) takeEnvelopeFilePart(request);
  };
}

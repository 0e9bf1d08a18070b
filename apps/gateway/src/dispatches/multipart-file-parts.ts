import type { Request } from 'express';

/** The file parts a multipart reader left in `request.files`, by field name (multer's `.fields()`). */
export type MultipartFileParts = Record<string, Express.Multer.File[] | undefined>;

/** The file parts of the request, by field name; none when no multipart body was read. */
export function multipartFilePartsOf(request: Request): MultipartFileParts {
  return (request.files as MultipartFileParts | undefined) ?? {};
}

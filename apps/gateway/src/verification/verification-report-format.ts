import type { Request } from 'express';

export const PDF_MEDIA_TYPE = 'application/pdf';

/** Whether the caller asks for the PDF report (`Accept: application/pdf`); JSON stays the default. */
export function prefersPdfReport(request: Pick<Request, 'accepts'>): boolean {
  return request.accepts(['application/json', PDF_MEDIA_TYPE]) === PDF_MEDIA_TYPE;
}

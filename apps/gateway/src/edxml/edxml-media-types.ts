import type { Request } from 'express';

/** Media types under which an edXML packet travels in a request body or a response. */
export const EDXML_MEDIA_TYPES = ['application/xml', 'text/xml'] as const;

export const EDXML_RESPONSE_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** Whether the request's body is a whole edXML packet (its `Content-Type`). */
export function isEdxmlRequest(request: Pick<Request, 'is'>): boolean {
  return Boolean(request.is([...EDXML_MEDIA_TYPES]));
}

/** Whether the caller asks for edXML over JSON (`Accept`); JSON stays the default. */
export function prefersEdxml(request: Pick<Request, 'accepts'>): boolean {
  const chosen = request.accepts(['application/json', ...EDXML_MEDIA_TYPES]);
  return chosen === 'application/xml' || chosen === 'text/xml';
}

/** An `envelope` field holding a packet rather than JSON: its first significant character. */
export function looksLikeEdxml(field: string | undefined): boolean {
  return (
    field !== undefined &&
    field
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('<')
  );
}

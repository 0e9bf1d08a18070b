import type { Request } from 'express';
import express from 'express';

/**
 * A real express request (its accepts/acceptsLanguages negotiate as in the server), with the given
 * headers and query and nothing else.
 */
export function expressRequestWith(
  headers: Record<string, string>,
  query: Record<string, unknown> = {},
): Request {
  const request = Object.create(express.request) as Request;
  // Express 5 defines `query` as a getter on the prototype; shadow it on the instance.
  Object.defineProperty(request, 'headers', { value: headers });
  Object.defineProperty(request, 'query', { value: query });
  return request;
}

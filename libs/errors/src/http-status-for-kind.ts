import type { DomainErrorKind } from './domain-error';

/** The single mapping of domain error kinds to HTTP status codes. */
export function httpStatusForKind(kind: DomainErrorKind): number {
  switch (kind) {
    case 'invalid-input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'too-large':
      return 413;
    case 'unsupported-media':
      return 415;
    case 'unprocessable':
      return 422;
    case 'rate-limited':
      return 429;
    case 'unavailable':
      return 503;
  }
}

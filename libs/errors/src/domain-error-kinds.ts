import { DomainError } from './domain-error';

/** Ready-made kinds for libraries whose errors need no extra structure. */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid-input' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export class PayloadTooLargeError extends DomainError {
  readonly kind = 'too-large' as const;
}

export class UnsupportedMediaError extends DomainError {
  readonly kind = 'unsupported-media' as const;
}

export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable' as const;
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited' as const;
}

export class UnavailableError extends DomainError {
  readonly kind = 'unavailable' as const;
}

import { DomainError } from '@docaxis/errors/domain-error';
import type { DomainErrorKind } from '@docaxis/errors/domain-error';
import { UnprocessableMessageError } from './unprocessable-message.error';

/** Error kinds no retry can change: the same message would fail the same way. */
const PERMANENT_KINDS: ReadonlySet<DomainErrorKind> = new Set<DomainErrorKind>([
  'invalid-input',
  'unprocessable',
  'not-found',
  'forbidden',
  'too-large',
  'unsupported-media',
]);

/**
 * Whether a handler's failure is permanent (park the message at once) or transient (retry it
 * with backoff). Permanent: UnprocessableMessageError, and domain errors about the message
 * itself (invalid, unprocessable, about something that does not exist, not allowed).
 * Everything else — a lost database connection, a time-out, a conflict, a 503, a bug — is
 * retried, and parked once the retries are spent.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof UnprocessableMessageError) return true;
  return error instanceof DomainError && PERMANENT_KINDS.has(error.kind);
}

/** Stable code for the parked copy's headers. */
export function failureCode(error: unknown, fallback: string): string {
  return error instanceof DomainError ? error.code : fallback;
}

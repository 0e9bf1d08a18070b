/**
 * What kind of failure a domain error is. Transport layers (HTTP, RPC, CLI) map a kind to their
 * own status in exactly one place each, so domain code never speaks HTTP.
 */
export type DomainErrorKind =
  | 'invalid-input' // 400: the request is malformed or breaks a rule of its own
  | 'unauthenticated' // 401: no usable client identity
  | 'forbidden' // 403: identity known, action not allowed
  | 'not-found' // 404
  | 'conflict' // 409: clashes with state already accepted
  | 'too-large' // 413
  | 'unsupported-media' // 415
  | 'unprocessable' // 422: well-formed but refused by a domain rule (secret class, bad signature)
  | 'rate-limited' // 429
  | 'unavailable'; // 503: a dependency is down; the caller may retry

/**
 * Base of every typed domain error. `code` is a stable, machine-readable identifier that clients
 * may switch on (it never changes once published); `message` is for humans and may improve.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

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

/** The languages an error's message is worded in; English is `message` itself. */
export type ErrorMessageLanguage = 'vi' | 'en';

/** The other wordings of an error's message, built from the same arguments as the English one. */
export interface ErrorWording {
  /** Vietnamese, with diacritics, in the administrative register the clerks read. */
  vi: string;
}

/** A part of a message (a reason, a problem) that whoever raises the error words in both languages. */
export interface BilingualText {
  en: string;
  vi: string;
}

/**
 * Base of every typed domain error. `code` is a stable, machine-readable identifier that clients
 * may switch on (it never changes once published); `message` is for humans and may improve. An
 * error that can reach a caller (HTTP, CLI) also gives its Vietnamese wording: docaxis answers in
 * Vietnamese by default.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** The Vietnamese message; absent on errors that stay inside the axis (logs only). */
  readonly messageVi?: string;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    wording?: ErrorWording,
  ) {
    super(message);
    this.name = new.target.name;
    if (wording) this.messageVi = wording.vi;
  }

  /** The message in `language`; English when this error has no Vietnamese wording. */
  messageIn(language: ErrorMessageLanguage): string {
    return language === 'vi' ? (this.messageVi ?? this.message) : this.message;
  }
}

import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/**
 * A transient failure whose handler bounds the retries itself (a deadline of its own, after
 * which it settles the message instead of throwing). The consumer host retries it like any
 * transient failure and, once the retry steps are spent, keeps retrying it at the longest step
 * instead of parking it.
 */
export abstract class RetryLaterError extends UnavailableError {}

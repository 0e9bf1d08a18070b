import { type DispatchRejection } from './dispatch-rejection';
import { isRevocationUnavailable } from './dispatch-signature-policy';

/** What the verifier does with a dispatch once its signatures are judged. */
export type VerificationDecision =
  | { readonly kind: 'verified' }
  | { readonly kind: 'rejected'; readonly rejection: DispatchRejection }
  /** Left accepted: verified again later, until `retryUntil`. */
  | {
      readonly kind: 'retry-later';
      readonly rejection: DispatchRejection;
      readonly retryUntil: Date;
    };

/**
 * A revocation status no source could give (CRL and OCSP unreachable) is an outage of the
 * sources, not a fault of the dispatch: while the dispatch was accepted less than `windowMs` ago
 * it stays accepted and is verified again later (VERIFIER_REVOCATION_RETRY_WINDOW_MS); past the
 * window it is rejected with REVOCATION_STATUS_UNAVAILABLE. Every other reason (a certificate on
 * hold included) rejects at once.
 */
export class RevocationRetryPolicy {
  constructor(
    private readonly windowMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  decide(rejection: DispatchRejection | null, acceptedAt: Date): VerificationDecision {
    if (!rejection) return { kind: 'verified' };
    if (!isRevocationUnavailable(rejection)) return { kind: 'rejected', rejection };
    const retryUntil = new Date(acceptedAt.getTime() + this.windowMs);
    return this.now().getTime() < retryUntil.getTime()
      ? { kind: 'retry-later', rejection, retryUntil }
      : { kind: 'rejected', rejection };
  }
}

import type { RevocationChecker, RevocationOutcome, RevocationRequest } from './revocation-checker';

/**
 * Asks each checker in turn (e.g. OCSP first, then CRL) and returns the first answer that is
 * `good` or `revoked`; when none knows, `unknown` with every checker's reason.
 */
export class FirstConclusiveRevocationChecker implements RevocationChecker {
  constructor(private readonly checkers: readonly RevocationChecker[]) {}

  async check(request: RevocationRequest): Promise<RevocationOutcome> {
    const reasons: string[] = [];
    for (const checker of this.checkers) {
      const outcome = await checker.check(request);
      if (outcome.status !== 'unknown') return outcome;
      reasons.push(outcome.note);
    }
    return {
      status: 'unknown',
      source: 'none',
      note: reasons.join('; ') || 'no revocation source configured',
    };
  }
}

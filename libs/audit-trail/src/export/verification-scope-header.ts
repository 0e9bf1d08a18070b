import type { VerificationScope } from '../verification/verification-scope';

/**
 * An export's verification scope as one ASCII header value (`X-Audit-Verification-Scope`), e.g.
 * `from=checkpoint; checkpoint=30; reverified=30-40; not-reverified=1-29`. ASCII only: the
 * summary sentence names the signer, whose subject may not be (HTTP headers are Latin-1).
 */
export function verificationScopeHeader(scope: VerificationScope): string {
  const parts = [`from=${scope.from}`];
  if (scope.startCheckpoint) parts.push(`checkpoint=${scope.startCheckpoint.headSeq}`);
  parts.push(
    `reverified=${scope.lastSeq === null ? 'none' : `${scope.firstSeq}-${scope.lastSeq}`}`,
    `not-reverified=${scope.notReverified ? `${scope.notReverified.fromSeq}-${scope.notReverified.toSeq}` : 'none'}`,
  );
  return parts.join('; ');
}

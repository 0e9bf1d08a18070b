import type { ChainVerification } from '../../api/audit';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { tsaChainStatus } from './tsa-chain-status';

const TONE = { trusted: 'passed', 'not-checked': 'indeterminate', untrusted: 'failed' } as const;
const SYMBOL = { trusted: '✔', 'not-checked': '?', untrusted: '✖' } as const;

/**
 * The TSA chain status of the checkpoint timestamp a verification leaned on (trusted, NOT
 * checked, untrusted) and whether the TSA's revocation was checked: a timestamp is never shown
 * as vouched for when the server did not judge who made it.
 */
export function CheckpointTimestampStatus({ result }: { result: ChainVerification }) {
  const { t } = useI18n();
  const s = t.audit.integrity.tsa;
  const status = tsaChainStatus(result);
  if (!status) return null;
  if (status.chain === 'none') {
    return (
      <p className="muted" data-testid="tsa-chain" data-tsa-chain="none">
        {s.none}
      </p>
    );
  }
  const badge = (text: string) => (
    <span className={`verdict verdict-${TONE[status.chain]}`}>
      <span aria-hidden="true">{SYMBOL[status.chain]}</span> {text}
    </span>
  );
  if (status.chain === 'untrusted') {
    return (
      <p data-testid="tsa-chain" data-tsa-chain="untrusted">
        {badge(s.untrusted(status.seq))}{' '}
        <span className="muted" lang="en">
          {status.reason}
        </span>
      </p>
    );
  }
  const { timestamp } = status;
  const revocation = timestamp.tsaRevocation;
  return (
    <div data-testid="checkpoint-timestamp">
      <p>{s.stamped(formatDateTime(timestamp.genTime), timestamp.authority)}</p>
      <p data-testid="tsa-chain" data-tsa-chain={status.chain}>
        {badge(status.chain === 'trusted' ? s.trusted : s.notChecked)}
      </p>
      {status.chain === 'trusted' && (
        <p data-testid="tsa-revocation" data-tsa-revocation={revocation.status}>
          {revocation.status === 'good'
            ? s.revocationGood
            : revocation.status === 'revoked-after-gen-time'
              ? s.revokedAfter
              : s.revocationNotChecked}
          {revocation.status !== 'good' && (
            <>
              {' '}
              <span className="muted">{s.revocationWhy(revocation)}</span>
            </>
          )}
        </p>
      )}
    </div>
  );
}

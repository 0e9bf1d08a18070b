import { useEffect, useState } from 'react';
import { describeError } from '../../api/api-client';
import { type ChainVerification, verifyChain } from '../../api/audit';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { ErrorAlert } from '../../shell/error-alert';
import { CheckpointTimestampStatus } from './checkpoint-timestamp-status';

/**
 * Walks the audit chain and its signed checkpoints (GET /audit/verify) and says what it found,
 * with the TSA chain status of the checkpoint's timestamp.
 */
export function ChainIntegrityBadge() {
  const { t } = useI18n();
  const s = t.audit.integrity;
  const [result, setResult] = useState<ChainVerification>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    verifyChain().then(setResult, (caught: unknown) => setError(describeError(caught)));
  }, []);
  return (
    <section aria-labelledby="integrity-title" className="panel" data-testid="chain-integrity">
      <h2 id="integrity-title">{s.title}</h2>
      {!result && !error && <p role="status">{s.checking}</p>}
      <ErrorAlert error={error} />
      {result && (
        <div role="status">
          <p>
            <span
              className={`verdict ${result.ok ? 'verdict-passed' : 'verdict-failed'}`}
              data-ok={String(result.ok)}
            >
              <span aria-hidden="true">{result.ok ? '✔' : '✖'}</span> {result.ok ? s.ok : s.broken}
            </span>{' '}
            {s.records(result.recordsChecked)}
          </p>
          <p data-testid="chain-coverage" title={result.scope.summary}>
            {s.coverage(
              result.scope.firstSeq,
              result.scope.lastSeq,
              result.scope.notReverified?.toSeq ?? null,
            )}
          </p>
          {!result.ok && (
            <p className="warning">
              {s.brokenAt(result.seq)}: {s.problemWhy(result)}
            </p>
          )}
          <p>
            {result.checkpoint
              ? s.checkpoint(result.checkpoint.headSeq, formatDateTime(result.checkpoint.createdAt))
              : s.noCheckpoint}
          </p>
          <CheckpointTimestampStatus result={result} />
        </div>
      )}
    </section>
  );
}

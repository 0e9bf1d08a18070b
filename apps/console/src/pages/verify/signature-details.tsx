import type { SignatureReport } from '../../api/verification-report';
import { formatDateTime } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import { VerdictBadge } from './verdict-badge';

/** Everything a clerk needs to judge one signature, in the order they ask about it. */
export function SignatureDetails({ signature }: { signature: SignatureReport }) {
  const { t } = useI18n();
  const v = t.verify;
  const { signer, revocation, coverage } = signature;
  // certificateHold (RFC 5280 §5.3.1): the CA suspended the certificate; it is not revoked.
  const onHold = revocation.status === 'revoked' && revocation.reason === 'certificateHold';
  return (
    <section className="signature" aria-labelledby={`sig-${signature.index}-title`}>
      <h4 id={`sig-${signature.index}-title`}>
        {v.signature(signature.index + 1)} ·{' '}
        <VerdictBadge indication={signature.indication} subIndication={signature.subIndication} />
      </h4>
      <dl className="facts">
        <dt>{v.signer}</dt>
        <dd>
          {signer.commonName ?? signer.subject ?? '—'}{' '}
          <span className="muted">({v.signerKind[signer.kind] ?? signer.kind})</span>
        </dd>
        <dt>{v.organization}</dt>
        <dd>{signer.organization ?? '—'}</dd>
        <dt>{v.agencyCode}</dt>
        <dd>
          <code>{signer.agencyCode ?? '—'}</code>
        </dd>
        <dt>{v.signingTime}</dt>
        <dd>
          {formatDateTime(signature.signingTime)}{' '}
          <span className="muted">({v.signingTimeSource[signature.signingTimeSource]})</span>
        </dd>
        <dt>{v.revocation}</dt>
        <dd className={onHold ? 'revocation-on-hold' : `revocation-${revocation.status}`}>
          {onHold ? v.onHold : v.revocationStatus[revocation.status]}{' '}
          <span className="muted">
            ({v.revocationSource[revocation.source]}
            {revocation.revokedAt &&
              `, ${onHold ? v.heldSince : v.revokedAt} ${formatDateTime(revocation.revokedAt)}`}
            {revocation.reason && !onHold && `, ${revocation.reason}`})
          </span>
        </dd>
        <dt>{v.coverage}</dt>
        <dd>
          {coverage.coversWholeFile ? v.coversWhole : v.coversPart}.{' '}
          <span className={`modifications-${coverage.modificationsAfterSigning}`}>
            {v.modifications[coverage.modificationsAfterSigning]}
          </span>
          {coverage.details.length > 0 && (
            <ul>
              {v.coverageDetails(coverage).map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{v.algorithm}</dt>
        <dd>
          {signature.signatureAlgorithm || '—'} / {signature.digestAlgorithm || '—'}
          {signature.weakAlgorithm && <strong className="warning"> ({v.weakAlgorithm})</strong>}
        </dd>
        <dt>{v.field}</dt>
        <dd>
          <code>{signature.fieldName}</code>
        </dd>
      </dl>
      <h5>{v.chain}</h5>
      {signature.chain.length === 0 ? (
        <p className="warning">{v.chainEmpty}</p>
      ) : (
        <ol className="chain">
          {signature.chain.map((certificate) => (
            <li key={certificate.fingerprintSha256}>
              <span>{certificate.subject}</span>{' '}
              <span className="muted">
                {v.validity(
                  formatDateTime(certificate.notBefore),
                  formatDateTime(certificate.notAfter),
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      {signature.messages.length > 0 && (
        <>
          <h5>{v.findings}</h5>
          <ul>
            {signature.messages.map((message) => (
              <li key={message.code}>
                <code>{message.code}</code> {v.findingText(message)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

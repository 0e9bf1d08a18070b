import { useI18n } from '../../i18n/i18n-context';
import type { Indication, SubIndication } from '../../api/verification-report';

const TONE: Readonly<Record<Indication, string>> = {
  'TOTAL-PASSED': 'passed',
  'TOTAL-FAILED': 'failed',
  INDETERMINATE: 'indeterminate',
};

/** Symbol as well as colour, so the verdict does not rest on colour alone. */
const SYMBOL: Readonly<Record<Indication, string>> = {
  'TOTAL-PASSED': '✔',
  'TOTAL-FAILED': '✖',
  INDETERMINATE: '?',
};

export function VerdictBadge({
  indication,
  subIndication,
}: {
  indication: Indication;
  subIndication?: SubIndication;
}) {
  const { t } = useI18n();
  return (
    <span className={`verdict verdict-${TONE[indication]}`} data-indication={indication}>
      <span aria-hidden="true">{SYMBOL[indication]}</span> {t.indication[indication]}
      {subIndication && <span className="verdict-reason">: {t.subIndication[subIndication]}</span>}
    </span>
  );
}

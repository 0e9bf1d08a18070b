import {
  INDICATION_OF,
  SUB_INDICATIONS,
  type Indication,
  type SubIndication,
} from './sub-indication';
import type { ValidationFinding } from './validation-finding';

export interface Verdict {
  indication: Indication;
  subIndication?: SubIndication;
}

/**
 * The verdict of one signature from everything found about it: any TOTAL-FAILED defect wins over
 * INDETERMINATE ones (a broken hash stays broken whatever the chain says), and within one level
 * the first sub-indication in SUB_INDICATIONS order wins, which follows the order of the ETSI
 * building blocks (format, cryptography, revocation, validity, then the indeterminate ones).
 */
export function verdictOf(findings: readonly ValidationFinding[]): Verdict {
  const present = new Set(findings.map((finding) => finding.subIndication).filter(isDefined));
  for (const level of ['TOTAL-FAILED', 'INDETERMINATE'] as const) {
    const winner = SUB_INDICATIONS.find((sub) => present.has(sub) && INDICATION_OF[sub] === level);
    if (winner) return { indication: level, subIndication: winner };
  }
  return { indication: 'TOTAL-PASSED' };
}

/**
 * Document level: TOTAL-FAILED if any signature failed, INDETERMINATE if none failed but some is
 * indeterminate, else TOTAL-PASSED. The sub-indication is the first failing signature's; a PDF
 * without signatures is TOTAL-FAILED / NO_SIGNATURE.
 */
export function documentVerdictOf(signatures: readonly Verdict[]): Verdict {
  if (signatures.length === 0) {
    return { indication: 'TOTAL-FAILED', subIndication: 'NO_SIGNATURE' };
  }
  for (const level of ['TOTAL-FAILED', 'INDETERMINATE'] as const) {
    const first = signatures.find((signature) => signature.indication === level);
    if (first) return { indication: level, subIndication: first.subIndication };
  }
  return { indication: 'TOTAL-PASSED' };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

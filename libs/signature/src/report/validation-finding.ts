import type { ReportMessage } from './document-verification-report';
import type { SubIndication } from './sub-indication';
import type { ReportMessageCode } from './report-message-code';
import type { RevocationExplanation } from './revocation-explanation';

/**
 * One observation made while validating a signature. With a sub-indication it is a defect that
 * decides the verdict; without one it is a note for the reader (weak algorithm, later revocation).
 */
export interface ValidationFinding {
  readonly code: ReportMessageCode;
  readonly text: string;
  readonly subIndication?: SubIndication;
  /** The text as data, for a revocation finding (see RevocationExplanation). */
  readonly explanation?: RevocationExplanation;
  /** A certificate validity finding judged at the validation time (no signing time stated). */
  readonly judgedAt?: 'validation-time';
}

export function defect(
  subIndication: SubIndication,
  code: ReportMessageCode,
  text: string,
): ValidationFinding {
  return { code, text, subIndication };
}

export function note(code: ReportMessageCode, text: string): ValidationFinding {
  return { code, text };
}

/** A finding as the report states it: what it found and the data its wordings read. */
export function reportMessageOf(finding: ValidationFinding): ReportMessage {
  const { code, text, explanation, judgedAt } = finding;
  return {
    code,
    text,
    ...(explanation ? { explanation } : {}),
    ...(judgedAt ? { judgedAt } : {}),
  };
}

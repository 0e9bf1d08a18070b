import type {
  RevocationSummary,
  SignatureReport,
} from '@docaxis/signature/report/document-verification-report';
import type { Indication, SubIndication } from '@docaxis/signature/report/sub-indication';
import { HOLD_REASON } from '@docaxis/signature/revocation/revocation-time-rule';
import type { ReportWording } from './report-wording';

/**
 * Sentences shared by every human-readable rendering of a report (CLI summary, PDF report), so a
 * clerk reads the same words whichever way the report reached them.
 */

/** `HỢP LỆ (TOTAL-PASSED)`, `KHÔNG HỢP LỆ: nội dung đã bị thay đổi… (TOTAL-FAILED / HASH_FAILURE)`. */
export function verdictPhrase(
  indication: Indication,
  subIndication: SubIndication | undefined,
  words: ReportWording,
): string {
  const name = subIndication ? `${indication} / ${subIndication}` : indication;
  const meaning = subIndication ? `: ${words.subIndication[subIndication]}` : '';
  return `${words.indication[indication]}${meaning} (${name})`;
}

/** The signer's name, then kind, organization and agency code when known. */
export function signerPhrase(signature: SignatureReport, words: ReportWording): string {
  const { signer } = signature;
  const name = signer.commonName ?? (signer.subject || words.unknownSigner);
  const facts = [words.signerKind[signer.kind]];
  if (signer.organization) facts.push(`${words.organization}: ${signer.organization}`);
  if (signer.agencyCode) facts.push(`${words.agencyCode}: ${signer.agencyCode}`);
  return `${name} (${facts.join('; ')})`;
}

/**
 * Status, its source, when and why revoked, and the verifier's note. A certificate on hold
 * (certificateHold) is said to be on hold, since when: the CA suspended it, it is not revoked.
 */
export function revocationPhrase(
  revocation: RevocationSummary,
  words: ReportWording,
  instant: (iso: string) => string = (iso) => iso,
): string {
  const onHold = revocation.status === 'revoked' && revocation.reason === HOLD_REASON;
  const status = onHold ? words.onHold : words.revocationStatus[revocation.status];
  const since = onHold ? words.heldSince : words.revokedAt;
  const note = words.revocationNote(revocation, instant);
  return (
    `${status} (${words.revocationSource[revocation.source]}` +
    `${revocation.revokedAt ? `, ${since} ${instant(revocation.revokedAt)}` : ''}` +
    `${revocation.reason && !onHold ? `, ${revocation.reason}` : ''})` +
    `${note ? ` - ${note}` : ''}`
  );
}

/** Whether the signature covers the whole file, and what changed after it. */
export function coveragePhrase(signature: SignatureReport, words: ReportWording): string {
  const { coverage } = signature;
  return `${coverage.coversWholeFile ? words.coversWholeFile : words.coversPartOfFile}; ${
    words.modifications[coverage.modificationsAfterSigning]
  }`;
}

/** The signing time and where it comes from, or that there is none. */
export function signingTimePhrase(
  signature: SignatureReport,
  words: ReportWording,
  instant: (iso: string) => string = (iso) => iso,
): string {
  return signature.signingTime
    ? `${instant(signature.signingTime)} (${words.signingTimeSource[signature.signingTimeSource]})`
    : words.noSigningTime;
}

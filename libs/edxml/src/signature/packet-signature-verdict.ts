/**
 * An edXML packet's XML signature report as clients read it (`envelopeSignature` of a status
 * notice or a dispatch), only the fields a one-line verdict needs.
 */
export interface PacketSignatureReportBrief {
  status: string;
  indication?: string;
  subIndication?: string;
  signer?: { agencyCode?: string };
  /** A status notice's: whether the signer certificate's agency is the notice's author. */
  signedByAuthor?: boolean;
}

/** What a packet's signature amounts to, for a short line in the CLI or the console. */
export type PacketSignatureVerdict =
  | { kind: 'unsigned' }
  | { kind: 'valid' }
  /** Valid, but the certificate is another agency's than the author's (or names none). */
  | { kind: 'valid-other-agency'; signerAgencyCode: string | null }
  | { kind: 'failed'; subIndication: string | null }
  | { kind: 'indeterminate'; subIndication: string | null };

export function packetSignatureVerdict(report: PacketSignatureReportBrief): PacketSignatureVerdict {
  if (report.status === 'unsigned') return { kind: 'unsigned' };
  const subIndication = report.subIndication ?? null;
  if (report.indication === 'TOTAL-FAILED') return { kind: 'failed', subIndication };
  if (report.indication !== 'TOTAL-PASSED') return { kind: 'indeterminate', subIndication };
  if (report.signedByAuthor === false) {
    return { kind: 'valid-other-agency', signerAgencyCode: report.signer?.agencyCode ?? null };
  }
  return { kind: 'valid' };
}

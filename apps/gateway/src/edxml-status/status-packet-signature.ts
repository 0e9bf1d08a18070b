import type { StatusPacketSignatureSummary } from '@docaxis/messaging/contracts/message-payloads';
import type {
  EdxmlSignatureReport,
  SignedEdxmlReport,
  UnsignedEdxmlReport,
} from '@docaxis/edxml/signature/edxml-signature-report';

/**
 * A status packet's XML signature as recorded with its notice: the verifier's report and, for a
 * signed packet, whether the agency in the signer certificate is the notice's author (the
 * calling agency, which `From/OrganId` names). Reported, not judged (apps/gateway/src/edxml/README.md).
 */
export type StatusPacketSignature =
  UnsignedEdxmlReport | (SignedEdxmlReport & { signedByAuthor: boolean });

export function statusPacketSignatureOf(
  report: EdxmlSignatureReport,
  authorCode: string,
): StatusPacketSignature {
  if (report.status === 'unsigned') return report;
  return { ...report, signedByAuthor: report.signer.agencyCode === authorCode };
}

/** What the audit keeps of it with the notice's `status.noticed`. */
export function statusPacketSignatureSummary(
  signature: StatusPacketSignature,
): StatusPacketSignatureSummary {
  if (signature.status === 'unsigned') return { status: 'unsigned' };
  return {
    status: 'signed',
    indication: signature.indication,
    ...(signature.subIndication ? { subIndication: signature.subIndication } : {}),
    ...(signature.signer.agencyCode ? { signerAgencyCode: signature.signer.agencyCode } : {}),
    signedByAuthor: signature.signedByAuthor,
  };
}

import type { AuditEvent } from '../../api/audit';
import {
  packetSignatureVerdict,
  type PacketSignatureVerdict,
} from '../../../../../libs/edxml/src/signature/packet-signature-verdict';

/**
 * What the event's message said: the audit records it as `details.body`, beside what it noted
 * about the message itself (`details.meta`). Empty for a body that was not an object.
 */
export function eventBody(event: Pick<AuditEvent, 'details'>): Record<string, unknown> {
  const body = event.details.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** The status code (trạng thái xử lý) a status event is about, if any. */
export function statusCodeOf(event: Pick<AuditEvent, 'details'>): string | undefined {
  const code = eventBody(event).statusCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A `status.noticed` posted as an edXML status packet: its XML signature as the message said it
 * in brief (`status`, `indication`, `subIndication`, `signerAgencyCode`, `signedByAuthor`).
 */
export function packetSignatureOf(
  event: Pick<AuditEvent, 'details'>,
): PacketSignatureVerdict | undefined {
  const signature = eventBody(event).envelopeSignature;
  if (typeof signature !== 'object' || signature === null) return undefined;
  const brief = signature as Record<string, unknown>;
  if (typeof brief.status !== 'string') return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return packetSignatureVerdict({
    status: brief.status,
    indication: text(brief.indication),
    subIndication: text(brief.subIndication),
    signer: { agencyCode: text(brief.signerAgencyCode) },
    ...(typeof brief.signedByAuthor === 'boolean' ? { signedByAuthor: brief.signedByAuthor } : {}),
  });
}

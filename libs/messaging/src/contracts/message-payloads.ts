import { z } from 'zod';
import { isValidAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { WEBHOOK_DEACTIVATION_CODES } from '@docaxis/persistence/webhook/webhook-deactivation';
import { MessageTypes, type MessageType } from './message-types';

/**
 * Message bodies as zod schemas, with their TypeScript types inferred from them, so each contract
 * exists once. The consumer checks a body before its handler runs and the outbox writer before a
 * row is written. A valid body is passed on as received, unknown fields included: a newer
 * producer may add fields before every consumer knows them, and the audit records everything.
 * Bodies carry ids, codes and metadata only, never document content: consumers reload state.
 */
const agencyCode = z.string().refine(isValidAgencyCode, 'must be a valid agency code');
const dispatchId = z.uuid();
const errorCode = z.string().min(1).max(100);

/** Fields every message carries: when it happened and who did it. */
const base = {
  /** ISO 8601 instant. */
  occurredAt: z.iso.datetime({ offset: true }),
  /** Certificate subject of the agency that acted, or the app name for the axis's own steps. */
  actor: z.string().min(1).max(1024),
};

/** Per-file outcome of signature verification, as the verifier reports it. */
const fileVerificationSummary = z.object({
  fileId: z.string().min(1).max(100),
  fileName: z.string().max(255),
  indication: z.string().min(1).max(64),
  signatures: z.number().int().min(0),
});

/** Which status notice a message is about (the router reloads the rest from the database). */
const statusNoticeFacts = {
  dispatchId,
  /** The dispatch's sender. */
  senderCode: agencyCode,
  /** The recipient whose copy of the dispatch the notice is about. */
  recipientCode: agencyCode,
  /** Row id of the notice in `status_notices`. */
  statusNoticeId: z.uuid(),
  authorCode: agencyCode,
  addresseeCode: agencyCode,
  statusCode: z.string().regex(/^\d{2}$/),
};

/**
 * What a status packet's XML signature said, as the audit keeps it with the notice (the full
 * report is the notice's `envelope_signature`): absent for a notice posted as JSON.
 */
const statusPacketSignatureSummary = z.object({
  status: z.enum(['unsigned', 'signed']),
  /** ETSI indication and sub-indication of a signed packet. */
  indication: z.string().min(1).max(64).optional(),
  subIndication: z.string().min(1).max(64).optional(),
  /** The agency code in the signer certificate, when it has one. */
  signerAgencyCode: z.string().max(64).optional(),
  /** Whether that agency is the notice's author. */
  signedByAuthor: z.boolean().optional(),
});

/** Which parked message an operator acted on (what the audit trail keeps of it). */
const parkedMessageFacts = {
  parkedMessageId: z.uuid(),
  /** AMQP messageId of the parked message. */
  messageId: z.string().min(1).max(255),
  messageType: z.string().max(255).nullable(),
  sourceQueue: z.string().min(1).max(255),
  errorCode: z.string().max(100),
  /** Set when the message concerns one dispatch. */
  dispatchId: dispatchId.optional(),
};

/**
 * Longest deactivation reason a `webhook.changed` carries: a longer one (a receiver's error can
 * be long) is clipped by whoever writes the event rather than refused, as a refusal would roll
 * back the deactivation itself.
 */
export const WEBHOOK_CHANGE_REASON_MAX = 4000;

/** Most items one batched event lists: the largest acknowledgement page (`ACK_BATCH_MAX`). */
export const MAX_BATCHED_EVENT_ITEMS = 5000;

/** One copy a `dispatch.delivered.batch` lists: what its own `dispatch.delivered` carried. */
const deliveredCopy = z.object({
  dispatchId,
  senderCode: agencyCode,
  deliverySeq: z.number().int().min(0),
  /** The dispatch's correlation id (the batch's message has one of its own). */
  correlationId: z.string().min(1).max(64).optional(),
});

/** One copy a `dispatch.acknowledged.batch` lists. */
const acknowledgedCopy = z.object({
  dispatchId,
  senderCode: agencyCode,
});

export const MESSAGE_PAYLOAD_SCHEMAS = {
  [MessageTypes.DispatchSubmitted]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode,
    recipientCodes: z.array(agencyCode).min(1),
    fileCount: z.number().int().min(0),
    /** edXML DocumentId (`{sender},{yyyy/MM/dd},{number}/{notation}`). */
    documentId: z.string().max(255).optional(),
    /** Set when this dispatch replaces an earlier one of the same sender (an update). */
    replacesDispatchId: dispatchId.optional(),
  }),
  [MessageTypes.DispatchVerified]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode,
    recipientCodes: z.array(agencyCode).min(1),
    files: z.array(fileVerificationSummary).optional(),
  }),
  [MessageTypes.DispatchRejected]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode,
    /** Stable error code of the refusal (e.g. SIGNATURE_INVALID). */
    code: errorCode,
    /** The reason for the sender's clerk, in English. */
    message: z.string().max(4000),
    /** The same in Vietnamese; absent from events published before it was added. */
    messageVi: z.string().max(4000).optional(),
    files: z.array(fileVerificationSummary).optional(),
  }),
  [MessageTypes.DispatchRouted]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode.optional(),
    recipientCodes: z.array(agencyCode).min(1),
  }),
  [MessageTypes.DispatchWithdrawn]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode.optional(),
    /** Every recipient: the sender's recall withdrew each copy before it was queued. */
    recipientCodes: z.array(agencyCode).min(1),
  }),
  [MessageTypes.DispatchDelivered]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode.optional(),
    recipientCode: agencyCode,
    deliverySeq: z.number().int().min(0),
  }),
  [MessageTypes.DispatchDeliveredBatch]: z.object({
    ...base,
    /** The inbox they went into: a batch delivers to one agency. */
    recipientCode: agencyCode,
    deliveries: z.array(deliveredCopy).min(1).max(MAX_BATCHED_EVENT_ITEMS),
  }),
  [MessageTypes.DispatchFetched]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode.optional(),
    recipientCode: agencyCode,
    fileId: z.string().min(1).max(100),
  }),
  [MessageTypes.DispatchAcknowledged]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode.optional(),
    recipientCode: agencyCode,
  }),
  [MessageTypes.DispatchAcknowledgedBatch]: z.object({
    ...base,
    /** The acknowledging recipient. */
    recipientCode: agencyCode,
    acknowledgements: z.array(acknowledgedCopy).min(1).max(MAX_BATCHED_EVENT_ITEMS),
  }),
  [MessageTypes.DispatchRefused]: z.object({
    ...base,
    senderCode: agencyCode,
    code: errorCode,
    reason: z.string().max(4000),
  }),
  [MessageTypes.DeliveryRequested]: z.object({
    ...base,
    dispatchId,
    recipientCode: agencyCode,
    /** Higher goes first (urgency); the outbox relay orders by it. */
    priority: z.number().int().min(0).max(255),
  }),
  [MessageTypes.DirectoryChanged]: z.object({
    ...base,
    action: z.enum([
      'agency.registered',
      'agency.updated',
      'agency.suspended',
      'agency.reactivated',
      'certificate.registered',
      'certificate.rotated',
      'certificate.revoked',
    ]),
    agencyCode: agencyCode,
    /** The certificate registered or retired (SHA-256, hex). */
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** On rotation: the predecessor, retired in the same change. */
    replacedFingerprint: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    roles: z.array(z.string().max(32)).max(8).optional(),
  }),
  [MessageTypes.WebhookChanged]: z.object({
    ...base,
    action: z.enum(['webhook.registered', 'webhook.deactivated', 'webhook.reactivated']),
    agencyCode: agencyCode,
    webhookId: z.uuid(),
    url: z.string().max(2048),
    /**
     * A deactivation's why, as `GET /api/v1/webhooks` shows it: the agency's own, or the
     * notifier's (actor `notifier`: DESTINATION_NOT_PUBLIC, FAILING_PERSISTENTLY). Absent from
     * registrations, reactivations and events published before it was added.
     */
    deactivationCode: z.enum(WEBHOOK_DEACTIVATION_CODES).optional(),
    /** The deactivation's reason in English and Vietnamese (at most WEBHOOK_CHANGE_REASON_MAX). */
    reason: z.string().max(WEBHOOK_CHANGE_REASON_MAX).optional(),
    reasonVi: z.string().max(WEBHOOK_CHANGE_REASON_MAX).optional(),
  }),
  [MessageTypes.ParkedMessageRedriven]: z.object({
    ...base,
    ...parkedMessageFacts,
  }),
  [MessageTypes.ParkedMessageDiscarded]: z.object({
    ...base,
    ...parkedMessageFacts,
    /** Why the operator gave up on it. */
    reason: z.string().min(1).max(2000),
  }),
  [MessageTypes.StatusNoticed]: z.object({
    ...base,
    ...statusNoticeFacts,
    /** Set for a notice posted as an edXML status packet: its XML signature, in brief. */
    envelopeSignature: statusPacketSignatureSummary.optional(),
  }),
  [MessageTypes.StatusDelivered]: z.object({
    ...base,
    ...statusNoticeFacts,
    deliverySeq: z.number().int().min(0),
  }),
  [MessageTypes.StatusSkipped]: z.object({
    ...base,
    ...statusNoticeFacts,
    /** Why the operator gave it up (the gap in the addressee's inbox). */
    reason: z.string().min(1).max(2000),
  }),
  [MessageTypes.DispatchRecalled]: z.object({
    ...base,
    dispatchId,
    senderCode: agencyCode,
    reason: z.string().min(1).max(2000),
    /** Recipients that had neither fetched it nor reported a status: it left their inbox. */
    withdrawnFrom: z.array(agencyCode),
    /**
     * Those of `withdrawnFrom` whose inbox it had reached (the others' copies were still pending or
     * queued): only they see it leave. Absent from messages written before it was added.
     */
    withdrawnFromInbox: z.array(agencyCode).optional(),
    /** Recipients that had fetched it or reported a status: a recall request (status 13) went to their inbox. */
    requestedFrom: z.array(agencyCode),
  }),
} as const satisfies Record<MessageType, z.ZodType>;

export type MessagePayloads = {
  [T in MessageType]: z.infer<(typeof MESSAGE_PAYLOAD_SCHEMAS)[T]>;
};

export type DispatchSubmitted = MessagePayloads['dispatch.submitted'];
export type DispatchVerified = MessagePayloads['dispatch.verified'];
export type DispatchRejected = MessagePayloads['dispatch.rejected'];
export type DispatchRouted = MessagePayloads['dispatch.routed'];
export type DispatchWithdrawn = MessagePayloads['dispatch.withdrawn'];
export type DispatchDelivered = MessagePayloads['dispatch.delivered'];
export type DispatchDeliveredBatch = MessagePayloads['dispatch.delivered.batch'];
export type DispatchFetched = MessagePayloads['dispatch.fetched'];
export type DispatchAcknowledged = MessagePayloads['dispatch.acknowledged'];
export type DispatchAcknowledgedBatch = MessagePayloads['dispatch.acknowledged.batch'];
export type DispatchRefused = MessagePayloads['dispatch.refused'];
export type DeliveryRequested = MessagePayloads['delivery.requested'];
export type ParkedMessageRedriven = MessagePayloads['parked-message.redriven'];
export type ParkedMessageDiscarded = MessagePayloads['parked-message.discarded'];
export type StatusNoticed = MessagePayloads['status.noticed'];
export type StatusPacketSignatureSummary = z.infer<typeof statusPacketSignatureSummary>;
export type StatusDelivered = MessagePayloads['status.delivered'];
export type StatusSkipped = MessagePayloads['status.skipped'];
export type DispatchRecalled = MessagePayloads['dispatch.recalled'];

export type PayloadCheck<T extends MessageType> =
  | { readonly ok: true; readonly payload: MessagePayloads[T] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks a body against its type's contract. On success the body itself is returned (not zod's
 * stripped copy), so fields this version does not know survive; on failure every problem is
 * listed by path.
 */
export function checkPayload<T extends MessageType>(type: T, body: unknown): PayloadCheck<T> {
  const result = MESSAGE_PAYLOAD_SCHEMAS[type].safeParse(body);
  if (result.success) return { ok: true, payload: body as MessagePayloads[T] };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
  };
}

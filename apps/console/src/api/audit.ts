import { apiFetch, apiJson } from './api-client';
import type { AuditProblemExplanation } from './audit-problem-explanation';
import type { TsaRevocationFinding } from '../../../../libs/audit-trail/src/checkpoints/tsa-revocation-finding';

// The shapes of the public /api/v1/audit routes (auditor role), as the gateway answers them.

export interface AuditEvent {
  seq: number;
  eventId: string;
  eventType: string;
  occurredAt: string;
  recordedAt: string;
  dispatchId: string | null;
  senderCode: string | null;
  recipientCode: string | null;
  actor: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditEventPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

export interface DispatchTimeline {
  dispatchId: string;
  entries: (AuditEvent & { source: 'axis' | 'agency-status' })[];
}

export interface AgencyDeliveryStatistics {
  agencyCode: string;
  sent: number;
  deliveriesRequested: number;
  delivered: number;
  received: number;
  fetched: number;
  avgSecondsToFetch: number | null;
  avgSecondsToFirstStatus: number | null;
  overdue: number;
}

/**
 * A checkpoint's RFC 3161 timestamp as the gateway judged it: its TSA's certificate chain
 * (`not-checked` without AUDIT_TSA_TRUST_FILE) and that chain's revocation (`note` says why it was
 * not checked, or when the TSA was revoked after the timestamp).
 */
export interface CheckpointTimestamp {
  genTime: string;
  authority: string;
  tsaChain: 'trusted' | 'not-checked';
  tsaRevocation: { status: 'good'; note: null } | TsaRevocationUnsettled;
}

// What stopped a TSA path's revocation being settled, and which certificate: the audit trail's
// own types, imported as types only, so the console and the API cannot drift.
export type {
  TsaPathCertificate,
  TsaRevocationFinding,
} from '../../../../libs/audit-trail/src/checkpoints/tsa-revocation-finding';

/** Why a TSA revocation is not `good`: in English (`note`), and as data the console words. */
export interface TsaRevocationUnsettled {
  status: 'not-checked' | 'revoked-after-gen-time';
  note: string;
  findings: readonly TsaRevocationFinding[];
}

export interface CheckpointUsed {
  headSeq: number;
  headHash: string;
  createdAt: string;
  signerSubject: string;
  timestamped: boolean;
  timestamp: CheckpointTimestamp | null;
}

/** What one verification re-checked (GET /audit/verify starts from the latest checkpoint). */
export interface VerificationScope {
  from: 'genesis' | 'checkpoint' | 'seq';
  startCheckpoint: Omit<CheckpointUsed, 'timestamped'> | null;
  firstSeq: number;
  lastSeq: number | null;
  notReverified: { fromSeq: number; toSeq: number } | null;
  summary: string;
}

export type ChainVerification = { scope: VerificationScope } & (
  | {
      ok: true;
      recordsChecked: number;
      head?: { seq: number; hash: string } | null;
      checkpointsChecked: number;
      checkpoint: CheckpointUsed | null;
    }
  | {
      ok: false;
      seq: number;
      problem: string;
      /** The problem in English. */
      message: string;
      /** The same as data, which the console words in the page's language. */
      explanation: AuditProblemExplanation;
      actual: string;
      recordsChecked: number;
      checkpointsChecked: number;
      checkpoint: CheckpointUsed | null;
    }
);

/** The search form's fields, as the audit routes name their query parameters. */
export interface AuditFilter {
  agency?: string;
  dispatchId?: string;
  type?: string;
  status?: string;
  number?: string;
  notation?: string;
  actor?: string;
  /** ISO instants. */
  from?: string;
  to?: string;
}

function query(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const verifyChain = () => apiJson<ChainVerification>('/audit/verify');

export const searchEvents = (filter: AuditFilter, cursor?: string, limit = 50) =>
  apiJson<AuditEventPage>(`/audit/events${query({ ...filter, cursor, limit })}`);

export const dispatchTimeline = (dispatchId: string) =>
  apiJson<DispatchTimeline>(`/audit/dispatches/${encodeURIComponent(dispatchId)}/timeline`);

export const deliveryStatistics = (filter: Pick<AuditFilter, 'from' | 'to' | 'agency'>) =>
  apiJson<{ agencies: AgencyDeliveryStatistics[] }>(`/audit/statistics${query(filter)}`);

export const exportEvents = (filter: AuditFilter, format: 'csv' | 'pdf', lang: string) =>
  apiFetch(`/audit/export${query({ ...filter, format, lang })}`);

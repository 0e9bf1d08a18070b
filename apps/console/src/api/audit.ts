import { apiFetch, apiJson } from './api-client';
import type { AuditProblemExplanation } from './audit-problem-explanation';
import type { CheckpointUsed } from '../../../../libs/audit-trail/src/verification/checkpoint-used';
import type { VerificationScope } from '../../../../libs/audit-trail/src/verification/verification-scope';

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

// A checkpoint's timestamp as judged (its TSA chain, that chain's revocation and why it is not
// settled), the checkpoint a verification leaned on and what it re-checked: the audit trail's own
// types, imported as types only, so the console and the API cannot drift.
export type {
  TsaPathCertificate,
  TsaRevocationFinding,
} from '../../../../libs/audit-trail/src/checkpoints/tsa-revocation-finding';
export type { TsaRevocationUnsettled } from '../../../../libs/audit-trail/src/checkpoints/tsa-revocation-status';
export type {
  CheckpointTimestamp,
  VerificationScope,
} from '../../../../libs/audit-trail/src/verification/verification-scope';
export type { CheckpointUsed } from '../../../../libs/audit-trail/src/verification/checkpoint-used';

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

/**
 * The manifest of the export of `filter` pinned to `head` (the export's X-Audit-Chain-Head): what
 * `docaxis audit verify-export --manifest` holds the downloaded CSV to.
 */
export const exportManifest = (filter: AuditFilter, head: string) =>
  apiFetch(`/audit/export/manifest${query({ ...filter, head })}`);

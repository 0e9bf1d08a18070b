import { z } from 'zod';
import { DEFAULT_VERIFY_PAGE_SIZE } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { DEFAULT_AUDIT_BATCH } from './audit-batcher';

/** Environment variables of audit recording; the audit app composes them into its schema. */
export const auditRecordingEnv = {
  /** A batch is committed as soon as it holds this many events ... */
  AUDIT_BATCH_MAX_EVENTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(DEFAULT_AUDIT_BATCH.maxEvents),
  /** ... or when its oldest event has waited this long (milliseconds). */
  AUDIT_BATCH_MAX_WAIT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(DEFAULT_AUDIT_BATCH.maxWaitMs),
  /** Unacknowledged events the audit queue hands out; keep it at least the batch size. */
  AUDIT_PREFETCH: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Records per page when verifying the chain. */
  AUDIT_VERIFY_PAGE_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(DEFAULT_VERIFY_PAGE_SIZE),
};

export interface AuditRecordingOptions {
  batchMaxEvents: number;
  batchMaxWaitMs: number;
  prefetch: number;
  verifyPageSize: number;
}

export const DEFAULT_AUDIT_RECORDING_OPTIONS: AuditRecordingOptions = {
  batchMaxEvents: DEFAULT_AUDIT_BATCH.maxEvents,
  batchMaxWaitMs: DEFAULT_AUDIT_BATCH.maxWaitMs,
  prefetch: 1000,
  verifyPageSize: DEFAULT_VERIFY_PAGE_SIZE,
};

export const AUDIT_RECORDING_OPTIONS = Symbol('AUDIT_RECORDING_OPTIONS');

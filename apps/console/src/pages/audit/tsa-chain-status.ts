import type { ChainVerification, CheckpointTimestamp } from '../../api/audit';

/**
 * What a verification says of the TSA behind its checkpoint's timestamp: `trusted`, `not-checked`
 * (no AUDIT_TSA_TRUST_FILE on the server), `untrusted` (the verification failed on it) or `none`
 * (the checkpoint carries no timestamp); null when no checkpoint was judged valid.
 */
export type TsaChainStatus =
  | { chain: 'trusted' | 'not-checked'; timestamp: CheckpointTimestamp }
  | { chain: 'untrusted'; seq: number; reason: string }
  | { chain: 'none' };

export function tsaChainStatus(result: ChainVerification): TsaChainStatus | null {
  if (!result.ok && result.problem === 'UNTRUSTED_CHECKPOINT_TIMESTAMP') {
    return { chain: 'untrusted', seq: result.seq, reason: result.actual };
  }
  // The latest valid checkpoint the walk leaned on (a failed start judged none).
  const checkpoint = result.checkpoint;
  if (!checkpoint) return null;
  const timestamp = checkpoint.timestamp;
  if (!timestamp) return { chain: 'none' };
  return { chain: timestamp.tsaChain, timestamp };
}

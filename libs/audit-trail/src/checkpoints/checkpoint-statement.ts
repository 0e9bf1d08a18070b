import { canonicalJson } from '../chain/canonical-json';

/** Version of the checkpoint statement (domain separation, like the chain's format). */
export const AUDIT_CHECKPOINT_FORMAT = 'docaxis-audit-checkpoint/1';

/** What a checkpoint asserts: at `createdAt`, the chain's record `headSeq` had hash `headHash`. */
export interface CheckpointStatement {
  headSeq: number;
  headHash: string;
  createdAt: Date;
}

/**
 * The bytes the axis signs (detached CMS): UTF-8 of the canonical JSON
 *   {"created_at":"<ISO, ms, Z>","head_hash":"<64 hex>","head_seq":"<decimal>","v":"docaxis-audit-checkpoint/1"}
 * rebuilt from the stored columns when verifying, so the row cannot say one thing and the
 * signature another.
 */
export function checkpointStatementBytes(statement: CheckpointStatement): Buffer {
  return Buffer.from(
    canonicalJson({
      v: AUDIT_CHECKPOINT_FORMAT,
      head_seq: String(statement.headSeq),
      head_hash: statement.headHash,
      created_at: statement.createdAt.toISOString(),
    }),
    'utf8',
  );
}

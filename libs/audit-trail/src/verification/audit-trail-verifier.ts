import type { AuditCheckpointEntity } from '@docaxis/persistence/audit/audit-checkpoint.entity';
import type {
  AuditChainVerification,
  AuditChainProblem,
  AuditChainVerifier,
  AuditChainVerifyRequest,
} from '../chain/audit-chain-verifier';
import { checkTimestampToken } from '../checkpoints/checkpoint-timestamp';
import type { CheckpointSignatureVerifier } from '../checkpoints/checkpoint-signature-verifier';

export type AuditTrailProblem = AuditChainProblem | 'BAD_CHECKPOINT_SIGNATURE';

/** The checkpoint a verification leaned on: the latest valid one in range. */
export interface CheckpointUsed {
  headSeq: number;
  headHash: string;
  createdAt: string;
  signerSubject: string;
  timestamped: boolean;
}

export type AuditTrailVerification =
  | (Extract<AuditChainVerification, { ok: true }> & {
      checkpointsChecked: number;
      checkpoint: CheckpointUsed | null;
    })
  | (Omit<Extract<AuditChainVerification, { ok: false }>, 'problem'> & {
      problem: AuditTrailProblem;
      checkpointsChecked: number;
      checkpoint: CheckpointUsed | null;
    });

/** What the trail verifier reads besides the chain. */
export interface AuditCheckpointReader {
  page(afterSeq: number, toSeq: number, limit: number): Promise<AuditCheckpointEntity[]>;
}

export interface AuditRecordHashReader {
  head(): Promise<{ seq: number; hash: string } | null>;
  hashesAt(seqs: readonly number[]): Promise<Map<number, string>>;
}

const CHECKPOINT_PAGE = 200;

type Failure = Extract<AuditTrailVerification, { ok: false }>;
type Finding = Omit<Failure, 'ok' | 'recordsChecked' | 'checkpointsChecked' | 'checkpoint'>;

/**
 * Verifies the whole trail: every signed checkpoint in range (signature by the pinned axis
 * certificate over the statement rebuilt from its columns; the record at its head still carries
 * the signed hash), then the hash chain with the latest valid checkpoint as anchor (so a cut-off
 * tail or a suffix rewritten and re-hashed is seen). Both walks page (constant memory). The
 * problem reported is the one at the lowest seq: the first point from which the log cannot be
 * trusted.
 */
export class AuditTrailVerifier {
  constructor(
    private readonly chain: AuditChainVerifier,
    private readonly checkpoints: AuditCheckpointReader,
    private readonly records: AuditRecordHashReader,
    private readonly signatures: CheckpointSignatureVerifier,
  ) {}

  async verify(
    request: Omit<AuditChainVerifyRequest, 'anchor'> = {},
  ): Promise<AuditTrailVerification> {
    const fromSeq = request.fromSeq ?? 1;
    const head = await this.records.head();
    // Checkpoints past the head count too: they prove records that are gone.
    const toSeq = request.toSeq ?? Number.MAX_SAFE_INTEGER;
    let checkpointsChecked = 0;
    let lastValid: AuditCheckpointEntity | null = null;
    let firstFinding: Finding | null = null;
    let after = fromSeq - 1;
    for (;;) {
      const page = await this.checkpoints.page(after, toSeq, CHECKPOINT_PAGE);
      const hashes = await this.records.hashesAt(page.map((c) => c.headSeq));
      for (const checkpoint of page) {
        const finding = this.checkCheckpoint(checkpoint, hashes.get(checkpoint.headSeq), head);
        if (finding) {
          firstFinding ??= finding;
          break;
        }
        checkpointsChecked += 1;
        lastValid = checkpoint;
      }
      if (firstFinding || page.length < CHECKPOINT_PAGE) break;
      after = page[page.length - 1].headSeq;
    }
    const chainTo = request.toSeq;
    const anchor =
      lastValid && (chainTo === undefined || lastValid.headSeq <= chainTo)
        ? { seq: lastValid.headSeq, hash: lastValid.headHash }
        : undefined;
    const chain = await this.chain.verify({ fromSeq, toSeq: chainTo, anchor });
    const checkpoint = lastValid ? used(lastValid) : null;
    if (!chain.ok && (!firstFinding || chain.seq <= firstFinding.seq)) {
      return { ...chain, checkpointsChecked, checkpoint };
    }
    if (firstFinding) {
      return {
        ok: false,
        ...firstFinding,
        recordsChecked: Math.min(chain.recordsChecked, Math.max(0, firstFinding.seq - fromSeq)),
        checkpointsChecked,
        checkpoint,
      };
    }
    return { ...chain, checkpointsChecked, checkpoint };
  }

  private checkCheckpoint(
    checkpoint: AuditCheckpointEntity,
    recordHash: string | undefined,
    head: { seq: number } | null,
  ): Finding | null {
    const check = this.signatures.check(checkpoint, checkpoint.signedData);
    if (!check.valid) {
      return {
        seq: checkpoint.headSeq,
        problem: 'BAD_CHECKPOINT_SIGNATURE',
        expected: 'a valid signature by the axis certificate',
        actual: check.reason,
        message: `The checkpoint of seq ${checkpoint.headSeq} is not validly signed by the axis: it was forged or altered.`,
      };
    }
    if (checkpoint.timestampToken) {
      const stamp = checkTimestampToken(checkpoint.timestampToken, checkpoint.signedData);
      if (!stamp.valid) {
        return {
          seq: checkpoint.headSeq,
          problem: 'BAD_CHECKPOINT_SIGNATURE',
          expected: 'an RFC 3161 token over the checkpoint signature',
          actual: stamp.reason,
          message: `The timestamp of the checkpoint of seq ${checkpoint.headSeq} does not match it: the token or the checkpoint was altered.`,
        };
      }
    }
    if (recordHash === undefined && head !== null && checkpoint.headSeq <= head.seq) {
      return {
        seq: checkpoint.headSeq,
        problem: 'DELETED',
        expected: `record ${checkpoint.headSeq} (signed checkpoint)`,
        actual: 'no record at that seq',
        message: `Record ${checkpoint.headSeq}, signed in a checkpoint, is missing.`,
      };
    }
    if (recordHash === undefined) {
      return {
        seq: (head?.seq ?? 0) + 1,
        problem: 'DELETED',
        expected: `records up to seq ${checkpoint.headSeq} (signed checkpoint)`,
        actual: head ? `head at seq ${head.seq}` : 'no records',
        message: `A signed checkpoint proves records up to ${checkpoint.headSeq}; the chain ends at ${head?.seq ?? 0}: its tail was cut off.`,
      };
    }
    if (recordHash !== checkpoint.headHash) {
      return {
        seq: checkpoint.headSeq,
        problem: 'ALTERED',
        expected: checkpoint.headHash,
        actual: recordHash,
        message: `Record ${checkpoint.headSeq} no longer has the hash signed in its checkpoint at ${checkpoint.createdAt.toISOString()}: records up to it were rewritten and hashed anew.`,
      };
    }
    return null;
  }
}

function used(checkpoint: AuditCheckpointEntity): CheckpointUsed {
  return {
    headSeq: checkpoint.headSeq,
    headHash: checkpoint.headHash,
    createdAt: checkpoint.createdAt.toISOString(),
    signerSubject: checkpoint.signerSubject,
    timestamped: checkpoint.timestampToken !== null,
  };
}

import type { AuditCheckpointEntity } from '@docaxis/persistence/audit/audit-checkpoint.entity';
import type { AuditChainHead } from '@docaxis/persistence/audit/audit-record.repository';
import type {
  AuditChainVerification,
  AuditChainProblem,
  AuditChainVerifier,
  AuditChainVerifyRequest,
} from '../chain/audit-chain-verifier';
import { checkTimestampToken } from '../checkpoints/checkpoint-timestamp';
import type { CheckpointSignatureVerifier } from '../checkpoints/checkpoint-signature-verifier';
import type { TsaCertificateTrust } from '../checkpoints/tsa-certificate-trust';
import { AuditCheckpointNotFoundError } from './audit-checkpoint-not-found.error';
import type { CheckpointUsed } from './checkpoint-used';
import type { AuditTrailExplanation } from './audit-trail-explanation';
import type { TrailVerificationRequest } from './trail-verification-request';
import {
  verificationScope,
  type CheckpointTimestamp,
  type StartCheckpoint,
  type VerificationScope,
  type VerificationStart,
} from './verification-scope';

export type AuditTrailProblem =
  AuditChainProblem | 'BAD_CHECKPOINT_SIGNATURE' | 'UNTRUSTED_CHECKPOINT_TIMESTAMP';

type TrailWalk =
  | (Extract<AuditChainVerification, { ok: true }> & {
      checkpointsChecked: number;
      checkpoint: CheckpointUsed | null;
    })
  | (Omit<Extract<AuditChainVerification, { ok: false }>, 'problem' | 'explanation'> & {
      problem: AuditTrailProblem;
      explanation: AuditTrailExplanation;
      checkpointsChecked: number;
      checkpoint: CheckpointUsed | null;
    });

/** A walk and what it covered (`scope`: where it started, which records it re-hashed). */
export type AuditTrailVerification = TrailWalk & { scope: VerificationScope };

/** What the trail verifier reads besides the chain. */
export interface AuditCheckpointReader {
  page(afterSeq: number, toSeq: number, limit: number): Promise<AuditCheckpointEntity[]>;
  /** The checkpoint with the highest head, at or below `maxSeq` when given. */
  latest(maxSeq?: number): Promise<AuditCheckpointEntity | null>;
}

export interface AuditRecordHashReader {
  head(): Promise<{ seq: number; hash: string } | null>;
  hashesAt(seqs: readonly number[]): Promise<Map<number, string>>;
}

const CHECKPOINT_PAGE = 200;

type Failure = Extract<TrailWalk, { ok: false }>;
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
    /** The trusted TSAs; without, timestamp tokens are checked but their TSA chain is not. */
    private readonly tsaTrust?: TsaCertificateTrust,
  ) {}

  /** The verification a caller asked for: from a checkpoint (incremental), genesis or a seq. */
  verifyAsRequested(request: TrailVerificationRequest): Promise<AuditTrailVerification> {
    return request.from === 'checkpoint'
      ? this.verifyFromCheckpoint(request)
      : this.verify(request);
  }

  /**
   * The walk from `fromSeq` (default 1: genesis, every record re-hashed) to `toSeq` (default the
   * head), with every checkpoint in that range.
   */
  async verify(
    request: Omit<AuditChainVerifyRequest, 'anchor'> & { keptHead?: AuditChainHead } = {},
  ): Promise<AuditTrailVerification> {
    const fromSeq = request.fromSeq ?? 1;
    return withScope(
      await this.walk(fromSeq, request.toSeq, request.keptHead),
      fromSeq > 1 ? 'seq' : 'genesis',
      fromSeq,
    );
  }

  /**
   * Incremental verification: starts from a signed checkpoint (the latest one, at or below
   * `toSeq` when given, or the one whose head is `checkpointSeq`) instead of genesis. Its
   * signature and timestamp must verify and the record at its head must still carry the signed
   * hash; then only the records after it are walked (and the checkpoints after it checked). A
   * starting checkpoint that fails is reported as the failure: the walk never falls back to an
   * older checkpoint on its own. With no checkpoint stored yet, it walks from genesis and its
   * scope says so.
   */
  async verifyFromCheckpoint(
    request: { checkpointSeq?: number; toSeq?: number; keptHead?: AuditChainHead } = {},
  ): Promise<AuditTrailVerification> {
    const { checkpointSeq, toSeq, keptHead } = request;
    const start = await this.checkpoints.latest(checkpointSeq ?? toSeq);
    if (checkpointSeq !== undefined && start?.headSeq !== checkpointSeq) {
      throw new AuditCheckpointNotFoundError(checkpointSeq);
    }
    if (!start) {
      const walk = await this.walk(1, toSeq, keptHead);
      return withScope(walk, 'genesis', 1, undefined, 'no signed checkpoint to start from yet');
    }
    const head = await this.records.head();
    const recordHash = (await this.records.hashesAt([start.headSeq])).get(start.headSeq);
    const { finding, timestamp } = await this.checkCheckpoint(start, recordHash, head);
    const startCheckpoint = described(start, timestamp);
    if (finding) {
      const failure: Failure = {
        ok: false,
        ...finding,
        recordsChecked: 0,
        checkpointsChecked: 0,
        checkpoint: null,
      };
      return withScope(failure, 'checkpoint', start.headSeq, startCheckpoint);
    }
    // From the checkpointed record itself: its hash is recomputed and its link to the next checked.
    const walk = await this.walk(start.headSeq, toSeq, keptHead, used(start, timestamp), head);
    return withScope(walk, 'checkpoint', start.headSeq, startCheckpoint);
  }

  /**
   * `keptHead`: a head kept outside the database (see TrailVerificationRequest). `checkedStart`: a
   * checkpoint at fromSeq already judged valid (not checked again), against `knownHead`, the
   * chain head read then (not read again).
   */
  private async walk(
    fromSeq: number,
    toSeq: number | undefined,
    keptHead: AuditChainHead | undefined,
    checkedStart?: CheckpointUsed,
    knownHead?: { seq: number } | null,
  ): Promise<TrailWalk> {
    const head = knownHead !== undefined ? knownHead : await this.records.head();
    // Checkpoints past the head count too: they prove records that are gone.
    const checkpointsTo = toSeq ?? Number.MAX_SAFE_INTEGER;
    let checkpointsChecked = checkedStart ? 1 : 0;
    let lastValid: CheckpointUsed | null = checkedStart ?? null;
    let firstFinding: Finding | null = null;
    let after = checkedStart ? checkedStart.headSeq : fromSeq - 1;
    for (;;) {
      const page = await this.checkpoints.page(after, checkpointsTo, CHECKPOINT_PAGE);
      const hashes = await this.records.hashesAt(page.map((c) => c.headSeq));
      for (const checkpoint of page) {
        const judged = await this.checkCheckpoint(checkpoint, hashes.get(checkpoint.headSeq), head);
        if (judged.finding) {
          firstFinding ??= judged.finding;
          break;
        }
        checkpointsChecked += 1;
        lastValid = used(checkpoint, judged.timestamp);
      }
      if (firstFinding || page.length < CHECKPOINT_PAGE) break;
      after = page[page.length - 1].headSeq;
    }
    const signedAnchor =
      lastValid && (toSeq === undefined || lastValid.headSeq <= toSeq)
        ? { seq: lastValid.headSeq, hash: lastValid.headHash }
        : undefined;
    if (keptHead && keptHead.seq < fromSeq) {
      // Below the walk: the stored hash is compared, as a checkpoint's head is.
      const stored = (await this.records.hashesAt([keptHead.seq])).get(keptHead.seq);
      const finding = keptHeadRewritten(keptHead, stored);
      if (finding && (!firstFinding || finding.seq <= firstFinding.seq)) firstFinding = finding;
    }
    // The walk links every record up to the higher anchor, so that one proves the lower as well.
    const anchor =
      keptHead && keptHead.seq >= fromSeq && (!signedAnchor || keptHead.seq > signedAnchor.seq)
        ? keptHead
        : signedAnchor;
    const chain = await this.chain.verify({ fromSeq, toSeq, anchor });
    const checkpoint = lastValid;
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

  /** Signature, then timestamp token, then the record at its head; the first problem found. */
  private async checkCheckpoint(
    checkpoint: AuditCheckpointEntity,
    recordHash: string | undefined,
    head: { seq: number } | null,
  ): Promise<{ finding: Finding | null; timestamp: CheckpointTimestamp | null }> {
    const signature = this.checkSignature(checkpoint);
    if (signature) return { finding: signature, timestamp: null };
    const stamp = await this.checkTimestamp(checkpoint);
    if (stamp.finding) return { finding: stamp.finding, timestamp: null };
    return { finding: checkHead(checkpoint, recordHash, head), timestamp: stamp.timestamp };
  }

  private checkSignature(checkpoint: AuditCheckpointEntity): Finding | null {
    const check = this.signatures.check(checkpoint, checkpoint.signedData);
    if (check.valid) return null;
    return {
      seq: checkpoint.headSeq,
      problem: 'BAD_CHECKPOINT_SIGNATURE',
      expected: 'a valid signature by the axis certificate',
      actual: check.reason,
      message: `The checkpoint of seq ${checkpoint.headSeq} is not validly signed by the axis: it was forged or altered.`,
      explanation: {
        kind: 'checkpoint-signature-invalid',
        seq: checkpoint.headSeq,
        detail: check.reason,
      },
    };
  }

  private async checkTimestamp(
    checkpoint: AuditCheckpointEntity,
  ): Promise<
    | { finding: Finding; timestamp?: never }
    | { finding: null; timestamp: CheckpointTimestamp | null }
  > {
    if (!checkpoint.timestampToken) return { finding: null, timestamp: null };
    const stamp = await checkTimestampToken(
      checkpoint.timestampToken,
      checkpoint.signedData,
      this.tsaTrust,
    );
    if (stamp.valid) {
      return {
        finding: null,
        timestamp: {
          genTime: stamp.genTime.toISOString(),
          authority: stamp.authority,
          tsaChain: stamp.tsaChain,
          tsaRevocation: stamp.tsaRevocation,
        },
      };
    }
    const seq = checkpoint.headSeq;
    return {
      finding: stamp.authority
        ? {
            seq,
            problem: 'UNTRUSTED_CHECKPOINT_TIMESTAMP',
            expected: 'a timestamp by a TSA that chains to AUDIT_TSA_TRUST_FILE',
            actual: stamp.reason,
            message: `The timestamp of the checkpoint of seq ${seq} matches it, but its TSA is not trusted: ${stamp.reason}.`,
            explanation: { kind: 'checkpoint-timestamp-untrusted', seq, detail: stamp.reason },
          }
        : {
            seq,
            problem: 'BAD_CHECKPOINT_SIGNATURE',
            expected: 'an RFC 3161 token over the checkpoint signature',
            actual: stamp.reason,
            message: `The timestamp of the checkpoint of seq ${seq} does not match it: the token or the checkpoint was altered.`,
            explanation: { kind: 'checkpoint-timestamp-mismatch', seq, detail: stamp.reason },
          },
    };
  }
}

/** The record the checkpoint signed must still exist and carry the signed hash. */
function checkHead(
  checkpoint: AuditCheckpointEntity,
  recordHash: string | undefined,
  head: { seq: number } | null,
): Finding | null {
  if (recordHash === undefined && head !== null && checkpoint.headSeq <= head.seq) {
    return {
      seq: checkpoint.headSeq,
      problem: 'DELETED',
      expected: `record ${checkpoint.headSeq} (signed checkpoint)`,
      actual: 'no record at that seq',
      message: `Record ${checkpoint.headSeq}, signed in a checkpoint, is missing.`,
      explanation: { kind: 'checkpoint-record-missing', seq: checkpoint.headSeq },
    };
  }
  if (recordHash === undefined) {
    return {
      seq: (head?.seq ?? 0) + 1,
      problem: 'DELETED',
      expected: `records up to seq ${checkpoint.headSeq} (signed checkpoint)`,
      actual: head ? `head at seq ${head.seq}` : 'no records',
      message: `A signed checkpoint proves records up to ${checkpoint.headSeq}; the chain ends at ${head?.seq ?? 0}: its tail was cut off.`,
      explanation: {
        kind: 'checkpoint-tail-cut',
        checkpointSeq: checkpoint.headSeq,
        headSeq: head?.seq ?? 0,
      },
    };
  }
  if (recordHash !== checkpoint.headHash) {
    return {
      seq: checkpoint.headSeq,
      problem: 'ALTERED',
      expected: checkpoint.headHash,
      actual: recordHash,
      message: `Record ${checkpoint.headSeq} no longer has the hash signed in its checkpoint at ${checkpoint.createdAt.toISOString()}: records up to it were rewritten and hashed anew.`,
      explanation: {
        kind: 'checkpoint-record-rewritten',
        seq: checkpoint.headSeq,
        createdAt: checkpoint.createdAt.toISOString(),
      },
    };
  }
  return null;
}

/** The record at a kept head's seq, below the walk, must carry the kept hash. */
function keptHeadRewritten(kept: AuditChainHead, stored: string | undefined): Finding | null {
  if (stored === kept.hash) return null;
  return {
    seq: kept.seq,
    problem: 'ALTERED',
    expected: kept.hash,
    actual: stored ?? 'no record at that seq',
    message: `The chain is consistent but record ${kept.seq} no longer has the anchored hash: records up to ${kept.seq} were rewritten and hashed anew.`,
    explanation: { kind: 'anchor-rewritten', seq: kept.seq },
  };
}

function withScope(
  walk: TrailWalk,
  from: VerificationStart,
  firstSeq: number,
  startCheckpoint?: StartCheckpoint,
  why?: string,
): AuditTrailVerification {
  const scope = verificationScope({
    from,
    firstSeq,
    recordsChecked: walk.recordsChecked,
    ok: walk.ok,
    startCheckpoint,
    why,
  });
  return { ...walk, scope };
}

function described(
  checkpoint: AuditCheckpointEntity,
  timestamp: CheckpointTimestamp | null,
): StartCheckpoint {
  return {
    headSeq: checkpoint.headSeq,
    headHash: checkpoint.headHash,
    createdAt: checkpoint.createdAt.toISOString(),
    signerSubject: checkpoint.signerSubject,
    timestamp,
  };
}

function used(
  checkpoint: AuditCheckpointEntity,
  timestamp: CheckpointTimestamp | null,
): CheckpointUsed {
  return { ...described(checkpoint, timestamp), timestamped: checkpoint.timestampToken !== null };
}

import { Logger } from '@nestjs/common';
import type { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import type { CheckpointSigner } from '@docaxis/audit-trail/checkpoints/checkpoint-signer';
import { checkpointStatementBytes } from '@docaxis/audit-trail/checkpoints/checkpoint-statement';
import {
  requestTimestamp,
  type TimestampTransport,
} from '@docaxis/audit-trail/checkpoints/checkpoint-timestamp';
import type { TsaCertificateTrust } from '@docaxis/audit-trail/checkpoints/tsa-certificate-trust';
import type { AuditCheckpointRepository } from '@docaxis/persistence/audit/audit-checkpoint.repository';
import type { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import type { AuditCheckpointOptions } from './audit-checkpoint.config';

export type CheckpointOutcome =
  | { status: 'signed'; headSeq: number }
  | { status: 'not-due' }
  | { status: 'taken'; headSeq: number }
  | { status: 'refused'; headSeq: number; problem: string };

/**
 * Signs the chain head every N records or T milliseconds. Before signing, it verifies the records
 * since the last checkpoint, starting from the record that checkpoint signed (whose hash must be
 * unchanged): the axis never puts
 * its signature under a chain that does not verify. Several audit instances may race for the
 * same head; the table keeps one checkpoint per head and the loser's is dropped.
 */
export class AuditCheckpointer {
  private readonly logger = new Logger(AuditCheckpointer.name);

  constructor(
    private readonly records: AuditRecordRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly chain: AuditChainVerifier,
    private readonly signer: CheckpointSigner,
    private readonly options: Pick<AuditCheckpointOptions, 'everyRecords' | 'everyMs'>,
    /** RFC 3161 time-stamping of each checkpoint's CMS, when a TSA is configured. */
    private readonly tsa?: {
      url: string;
      transport: TimestampTransport;
      /** The trusted TSAs (AUDIT_TSA_TRUST_FILE): a token by another is not kept. */
      trust?: TsaCertificateTrust;
    },
  ) {}

  async checkpointIfDue(now: Date = new Date()): Promise<CheckpointOutcome> {
    const head = await this.records.head();
    const last = await this.checkpoints.latest();
    const sinceSeq = last?.headSeq ?? 0;
    if (!head || head.seq <= sinceSeq) return { status: 'not-due' };
    const byCount = head.seq - sinceSeq >= this.options.everyRecords;
    const byTime = !last || now.getTime() - last.createdAt.getTime() >= this.options.everyMs;
    if (!byCount && !byTime) return { status: 'not-due' };

    // From the checkpointed record itself, so its link to the first new record is checked too.
    const verification = await this.chain.verify({
      fromSeq: Math.max(1, sinceSeq),
      toSeq: head.seq,
    });
    if (!verification.ok) {
      this.logger.error(
        { seq: verification.seq, problem: verification.problem },
        `Audit chain does not verify; no checkpoint signed: ${verification.message}`,
      );
      return { status: 'refused', headSeq: head.seq, problem: verification.problem };
    }
    if (last && (await this.records.hashesAt([sinceSeq])).get(sinceSeq) !== last.headHash) {
      this.logger.error({ seq: sinceSeq }, 'Audit chain no longer matches its last checkpoint');
      return { status: 'refused', headSeq: head.seq, problem: 'ALTERED' };
    }
    const createdAt = now;
    const statement = { headSeq: head.seq, headHash: head.hash, createdAt };
    const signedData = this.signer.sign(checkpointStatementBytes(statement), createdAt);
    const timestampToken = await this.timestamp(signedData);
    const stored = await this.checkpoints.insert({
      ...statement,
      signedData,
      signerSubject: this.signer.subject,
      timestampToken,
      tsaUrl: timestampToken ? (this.tsa?.url ?? null) : null,
    });
    return stored
      ? { status: 'signed', headSeq: head.seq }
      : { status: 'taken', headSeq: head.seq };
  }

  /** A TSA that fails does not stop checkpoints: the signature stands alone, and it is logged. */
  private async timestamp(signedData: Buffer): Promise<Buffer | null> {
    if (!this.tsa) return null;
    try {
      return await requestTimestamp(this.tsa.transport, signedData, this.tsa.trust);
    } catch (error) {
      this.logger.warn({ err: error, tsa: this.tsa.url }, 'Checkpoint stored without a timestamp');
      return null;
    }
  }
}

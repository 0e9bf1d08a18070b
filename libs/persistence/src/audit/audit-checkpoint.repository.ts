import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditCheckpointEntity } from './audit-checkpoint.entity';

interface AuditCheckpointSqlRow {
  head_seq: string;
  head_hash: string;
  created_at: Date;
  signed_data: Buffer;
  signer_subject: string;
  timestamp_token: Buffer | null;
  tsa_url: string | null;
}

const COLUMNS =
  'head_seq, head_hash, created_at, signed_data, signer_subject, timestamp_token, tsa_url';

/** The signed checkpoints of the audit chain (`audit_checkpoints`, append-only). */
@Injectable()
export class AuditCheckpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a checkpoint; false when one for that head exists already (another instance won). */
  async insert(checkpoint: AuditCheckpointEntity): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO audit_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (head_seq) DO NOTHING RETURNING head_seq`,
      [
        String(checkpoint.headSeq),
        checkpoint.headHash,
        checkpoint.createdAt,
        checkpoint.signedData,
        checkpoint.signerSubject,
        checkpoint.timestampToken,
        checkpoint.tsaUrl,
      ],
    );
    return rows.length === 1;
  }

  /** The checkpoint with the highest head, optionally at or below `maxSeq`. */
  async latest(maxSeq?: number): Promise<AuditCheckpointEntity | null> {
    const rows: AuditCheckpointSqlRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints
        WHERE $1::bigint IS NULL OR head_seq <= $1::bigint
        ORDER BY head_seq DESC LIMIT 1`,
      [maxSeq === undefined ? null : String(maxSeq)],
    );
    return rows.length === 0 ? null : toCheckpoint(rows[0]);
  }

  /** Checkpoints with afterSeq < head_seq <= toSeq, in head order (keyset paging). */
  async page(afterSeq: number, toSeq: number, limit: number): Promise<AuditCheckpointEntity[]> {
    const rows: AuditCheckpointSqlRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_checkpoints
        WHERE head_seq > $1 AND head_seq <= $2 ORDER BY head_seq LIMIT $3`,
      [String(afterSeq), String(toSeq), limit],
    );
    return rows.map(toCheckpoint);
  }
}

function toCheckpoint(row: AuditCheckpointSqlRow): AuditCheckpointEntity {
  return {
    headSeq: Number(row.head_seq),
    headHash: row.head_hash,
    createdAt: row.created_at,
    signedData: row.signed_data,
    signerSubject: row.signer_subject,
    timestampToken: row.timestamp_token,
    tsaUrl: row.tsa_url,
  };
}

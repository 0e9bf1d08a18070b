import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the audit trail's three indexes by (sender | recipient | event type, occurred_at). Every
 * search pages by seq (AuditSearchIndexes added the same columns with seq for that), the
 * timeline reads by (dispatch_id, seq) and the statistics by dispatch: no query of the axis
 * filters or orders audit records by occurred_at any more. Each record paid for them on insert:
 * three of the ten index entries it wrote, ~300 of its ~2,050 bytes of WAL (bench/README,
 * "Session 8, PostgreSQL").
 */
export class DropSupersededAuditIndexes1795509800000 implements MigrationInterface {
  name = 'DropSupersededAuditIndexes1795509800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of Object.keys(SUPERSEDED)) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [index, column] of Object.entries(SUPERSEDED)) {
      await queryRunner.query(
        `CREATE INDEX "${index}" ON "audit_records" ("${column}", "occurred_at")`,
      );
    }
  }
}

const SUPERSEDED = {
  ix_audit_records_sender: 'sender_code',
  ix_audit_records_recipient: 'recipient_code',
  ix_audit_records_type: 'event_type',
} as const;

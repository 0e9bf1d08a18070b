import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for auditors' searches, which page newest first by seq: per agency (as sender and as
 * recipient) and per event type in seq order, recorded_at for time ranges (it grows with seq),
 * and number + notation on dispatches.
 */
export class AuditSearchIndexes1795457332886 implements MigrationInterface {
  name = 'AuditSearchIndexes1795457332886';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_sender_seq" ON "audit_records" ("sender_code", "seq")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_recipient_seq" ON "audit_records" ("recipient_code", "seq")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_type_seq" ON "audit_records" ("event_type", "seq")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_records_recorded_at" ON "audit_records" ("recorded_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dispatches_code" ON "dispatches" ("code_number", "code_notation")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dispatches_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_recorded_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_type_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_recipient_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_records_sender_seq"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an edXML packet said about its own journey, kept so the axis serves it back instead of
 * rebuilding it: the TraceHeaders it arrived with (a dispatch's, a status notice's), the sender's
 * clerk (`Bussiness/StaffInfo`; a notice keeps its StaffInfo in `staff` already) and each
 * attachment's `Description`. All nullable: JSON submissions have none, and rows from before
 * are served as they were.
 */
export class EdxmlReceivedTrace1795566475532 implements MigrationInterface {
  name = 'EdxmlReceivedTrace1795566475532';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "dispatches" ADD "incoming_trace" jsonb, ADD "sender_staff" jsonb`,
    );
    await queryRunner.query(`ALTER TABLE "dispatch_files" ADD "description" text`);
    await queryRunner.query(`ALTER TABLE "status_notices" ADD "incoming_trace" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_notices" DROP COLUMN "incoming_trace"`);
    await queryRunner.query(`ALTER TABLE "dispatch_files" DROP COLUMN "description"`);
    await queryRunner.query(
      `ALTER TABLE "dispatches" DROP COLUMN "sender_staff", DROP COLUMN "incoming_trace"`,
    );
  }
}

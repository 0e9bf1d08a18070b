import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The XML signature report of a status notice posted as an edXML status packet, as a dispatch's
 * `envelope_signature`. NULL for notices posted as JSON, recall requests and older notices.
 */
export class StatusNoticeEnvelopeSignature1795566435922 implements MigrationInterface {
  name = 'StatusNoticeEnvelopeSignature1795566435922';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_notices" ADD "envelope_signature" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_notices" DROP COLUMN "envelope_signature"`);
  }
}

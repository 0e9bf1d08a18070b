import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The XML signature report of a dispatch submitted as an edXML packet, beside its PDF reports. */
export class DispatchEnvelopeSignature1795460380236 implements MigrationInterface {
  name = 'DispatchEnvelopeSignature1795460380236';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" ADD "envelope_signature" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" DROP COLUMN "envelope_signature"`);
  }
}

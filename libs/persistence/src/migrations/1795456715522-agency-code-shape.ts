import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory refuses malformed agency codes itself, not only through the application: the
 * shape of QĐ 20/2020 (groups of A–Z0–9 joined by dots, the last a capital letter and two digits).
 * The finer rules (levels, look-alikes) stay in libs/edxml's `checkAgencyCode`.
 */
export class AgencyCodeShape1795456715522 implements MigrationInterface {
  name = 'AgencyCodeShape1795456715522';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agencies" ADD CONSTRAINT "ck_agencies_code_shape"
            CHECK (code ~ '^[A-Z0-9]+([.][A-Z0-9]+)*[.][A-Z][0-9]{2}$')
        `);
    await queryRunner.query(`
            ALTER TABLE "agencies" ADD CONSTRAINT "ck_agencies_parent_code_shape"
            CHECK (parent_code IS NULL OR parent_code ~ '^[A-Z0-9]+([.][A-Z0-9]+)*[.][A-Z][0-9]{2}$')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agencies" DROP CONSTRAINT "ck_agencies_parent_code_shape"`,
    );
    await queryRunner.query(`ALTER TABLE "agencies" DROP CONSTRAINT "ck_agencies_code_shape"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgencyCertificates1795447472602 implements MigrationInterface {
  name = 'AgencyCertificates1795447472602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agency_certificates" (
                "sha256_fingerprint" character(64) NOT NULL,
                "agency_code" character varying(35) NOT NULL,
                "roles" text array NOT NULL,
                "subject" text NOT NULL,
                "serial_number" character varying(64) NOT NULL,
                "not_before" TIMESTAMP WITH TIME ZONE NOT NULL,
                "not_after" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'active',
                "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "retired_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_agency_certificates_roles" CHECK (cardinality(roles) > 0),
                CONSTRAINT "ck_agency_certificates_status" CHECK (status IN ('active', 'retired')),
                CONSTRAINT "PK_f6f389befe97333afbd55325c59" PRIMARY KEY ("sha256_fingerprint")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_agency_certificates_agency" ON "agency_certificates" ("agency_code", "status")
        `);
    await queryRunner.query(`
            ALTER TABLE "agency_certificates"
            ADD CONSTRAINT "FK_68306f4818022cb69fc9a914fe1" FOREIGN KEY ("agency_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agency_certificates" DROP CONSTRAINT "FK_68306f4818022cb69fc9a914fe1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_agency_certificates_agency"
        `);
    await queryRunner.query(`
            DROP TABLE "agency_certificates"
        `);
  }
}

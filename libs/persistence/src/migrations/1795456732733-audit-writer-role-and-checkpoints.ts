import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit app's own database role, allowed to INSERT and SELECT the audit tables and nothing
 * else, and the table of signed checkpoints (append-only like the chain).
 *
 * Roles belong to the whole PostgreSQL cluster, not to one database: the role is created only if
 * missing (several databases of one cluster, or two migrators racing, share it) and never dropped
 * by `down`, which only takes this database's grants back. Creating it needs CREATEROLE (or a
 * superuser) for the migrating user; the login the audit app connects with must be a member of
 * it (a superuser is, implicitly).
 */
export class AuditWriterRoleAndCheckpoints1795456732733 implements MigrationInterface {
  name = 'AuditWriterRoleAndCheckpoints1795456732733';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_checkpoints" (
                "head_seq" bigint NOT NULL,
                "head_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "signed_data" bytea NOT NULL,
                "signer_subject" text NOT NULL,
                "timestamp_token" bytea,
                "tsa_url" text,
                CONSTRAINT "PK_audit_checkpoints_head_seq" PRIMARY KEY ("head_seq")
            )
        `);
    await queryRunner.query(`
            CREATE FUNCTION "audit_checkpoints_refuse_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_checkpoints_append_only"
            BEFORE UPDATE OR DELETE ON "audit_checkpoints"
            FOR EACH ROW EXECUTE FUNCTION "audit_checkpoints_refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_checkpoints_no_truncate"
            BEFORE TRUNCATE ON "audit_checkpoints"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoints_refuse_change"()
        `);
    await queryRunner.query(`
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'docaxis_audit_writer') THEN
                    CREATE ROLE "docaxis_audit_writer" NOLOGIN;
                END IF;
            EXCEPTION
                -- Another database's migration created it between the check and the CREATE.
                WHEN duplicate_object OR unique_violation THEN NULL;
            END
            $$
        `);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO "docaxis_audit_writer"`);
    await queryRunner.query(
      `GRANT SELECT, INSERT ON "audit_records", "audit_checkpoints" TO "docaxis_audit_writer"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE ALL ON "audit_records", "audit_checkpoints" FROM "docaxis_audit_writer"`,
    );
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM "docaxis_audit_writer"`);
    await queryRunner.query(`DROP TRIGGER "audit_checkpoints_no_truncate" ON "audit_checkpoints"`);
    await queryRunner.query(`DROP TRIGGER "audit_checkpoints_append_only" ON "audit_checkpoints"`);
    await queryRunner.query(`DROP FUNCTION "audit_checkpoints_refuse_change"()`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795426948994 implements MigrationInterface {
  name = 'InitialSchema1795426948994';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "agencies" (
                "code" character varying(35) NOT NULL,
                "name" text NOT NULL,
                "parent_code" character varying(35),
                "status" character varying(16) NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_agencies_status" CHECK (status IN ('active', 'suspended')),
                CONSTRAINT "PK_6acd8cc6374916c08b4d7f060c8" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_records" (
                "seq" bigint NOT NULL,
                "event_id" character varying(64) NOT NULL,
                "event_type" character varying(64) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "dispatch_id" uuid,
                "sender_code" character varying(35),
                "recipient_code" character varying(35),
                "actor" text,
                "payload" jsonb NOT NULL,
                "payload_digest" character(64) NOT NULL,
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "UQ_058b8b524336ce9f786a7040f4c" UNIQUE ("event_id"),
                CONSTRAINT "PK_849d46c77cbd8a25c1e3cb456ff" PRIMARY KEY ("seq")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_records_type" ON "audit_records" ("event_type", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_records_recipient" ON "audit_records" ("recipient_code", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_records_sender" ON "audit_records" ("sender_code", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_audit_records_dispatch" ON "audit_records" ("dispatch_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "dispatch_files" (
                "id" uuid NOT NULL,
                "dispatch_id" uuid NOT NULL,
                "ordinal" smallint NOT NULL,
                "file_name" text NOT NULL,
                "content_type" character varying(100) NOT NULL,
                "size_bytes" bigint NOT NULL,
                "sha256" character(64) NOT NULL,
                "verification" jsonb,
                CONSTRAINT "PK_1f02f60d6b58237d2805a15bd88" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dispatch_files_ordinal" ON "dispatch_files" ("dispatch_id", "ordinal")
        `);
    await queryRunner.query(`
            CREATE TABLE "dispatch_recipients" (
                "dispatch_id" uuid NOT NULL,
                "recipient_code" character varying(35) NOT NULL,
                "state" character varying(16) NOT NULL,
                "delivery_seq" bigint,
                "status_code" character varying(2),
                "queued_at" TIMESTAMP WITH TIME ZONE,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "fetched_at" TIMESTAMP WITH TIME ZONE,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_f4622580b89dee9709057303d05" UNIQUE ("delivery_seq"),
                CONSTRAINT "ck_dispatch_recipients_state" CHECK (
                    state IN (
                        'pending',
                        'queued',
                        'delivered',
                        'fetched',
                        'acknowledged'
                    )
                ),
                CONSTRAINT "PK_3350ec0c9de2271265817317875" PRIMARY KEY ("dispatch_id", "recipient_code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dispatch_recipients_inbox" ON "dispatch_recipients" ("recipient_code", "delivery_seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "dispatches" (
                "id" uuid NOT NULL,
                "sender_code" character varying(35) NOT NULL,
                "idempotency_key" character varying(128),
                "request_digest" character(64) NOT NULL,
                "document_id" text NOT NULL,
                "code_number" character varying(32) NOT NULL,
                "code_notation" character varying(128) NOT NULL,
                "promulgation_year" smallint NOT NULL,
                "subject" text NOT NULL,
                "urgency" character varying(16) NOT NULL,
                "priority" smallint NOT NULL DEFAULT '0',
                "due_date" date,
                "envelope" jsonb NOT NULL,
                "state" character varying(16) NOT NULL,
                "business_type" smallint NOT NULL DEFAULT '0',
                "rejection_code" character varying(64),
                "rejection_message" text,
                "correlation_id" character varying(64) NOT NULL,
                "verified_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_dispatches_state" CHECK (
                    state IN ('accepted', 'verified', 'rejected', 'routed')
                ),
                CONSTRAINT "PK_e4f5defc12b20b66acf58f5c8b9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dispatches_sender_created" ON "dispatches" ("sender_code", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dispatches_number" ON "dispatches" (
                "sender_code",
                "promulgation_year",
                "code_number",
                "code_notation"
            )
            WHERE state <> 'rejected'
                AND business_type = 0
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_dispatches_idempotency" ON "dispatches" ("sender_code", "idempotency_key")
            WHERE idempotency_key IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" uuid NOT NULL,
                "destination" character varying(32) NOT NULL,
                "routing_key" character varying(255) NOT NULL,
                "message_type" character varying(100) NOT NULL,
                "payload" jsonb NOT NULL,
                "headers" jsonb NOT NULL,
                "priority" smallint NOT NULL DEFAULT '0',
                "correlation_id" character varying(64),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_messages_pending" ON "outbox_messages" ("available_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "processed_messages" (
                "consumer" character varying(100) NOT NULL,
                "message_id" character varying(64) NOT NULL,
                "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d4853eee97acfc588e49f9290d1" PRIMARY KEY ("consumer", "message_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_processed_messages_processed_at" ON "processed_messages" ("processed_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "agencies"
            ADD CONSTRAINT "FK_4bbff7db327caf0febe0ec1ba29" FOREIGN KEY ("parent_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatch_files"
            ADD CONSTRAINT "FK_fad85a571edcddd4fa20bb8a02f" FOREIGN KEY ("dispatch_id") REFERENCES "dispatches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients"
            ADD CONSTRAINT "FK_054c0f06b9f86d77a673b51ca59" FOREIGN KEY ("recipient_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients"
            ADD CONSTRAINT "FK_36fd4c0709c0668be8a524ca114" FOREIGN KEY ("dispatch_id") REFERENCES "dispatches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatches"
            ADD CONSTRAINT "FK_07804f591054bdf7e5027e16738" FOREIGN KEY ("sender_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Hand-written below: what entity metadata cannot express.
    // Inbox positions are handed out at delivery time from one sequence (the inbox cursor).
    await queryRunner.query(`CREATE SEQUENCE "delivery_seq" AS bigint`);
    // The audit chain is append-only: the database itself refuses changes and deletions.
    await queryRunner.query(`
            CREATE FUNCTION "audit_records_refuse_change"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_records_append_only"
            BEFORE UPDATE OR DELETE ON "audit_records"
            FOR EACH ROW EXECUTE FUNCTION "audit_records_refuse_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_records_no_truncate"
            BEFORE TRUNCATE ON "audit_records"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_records_refuse_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_records_no_truncate" ON "audit_records"`);
    await queryRunner.query(`DROP TRIGGER "audit_records_append_only" ON "audit_records"`);
    await queryRunner.query(`DROP FUNCTION "audit_records_refuse_change"()`);
    await queryRunner.query(`DROP SEQUENCE "delivery_seq"`);
    await queryRunner.query(`
            ALTER TABLE "dispatches" DROP CONSTRAINT "FK_07804f591054bdf7e5027e16738"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients" DROP CONSTRAINT "FK_36fd4c0709c0668be8a524ca114"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients" DROP CONSTRAINT "FK_054c0f06b9f86d77a673b51ca59"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatch_files" DROP CONSTRAINT "FK_fad85a571edcddd4fa20bb8a02f"
        `);
    await queryRunner.query(`
            ALTER TABLE "agencies" DROP CONSTRAINT "FK_4bbff7db327caf0febe0ec1ba29"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_processed_messages_processed_at"
        `);
    await queryRunner.query(`
            DROP TABLE "processed_messages"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_messages_pending"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_dispatches_idempotency"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_dispatches_number"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_dispatches_sender_created"
        `);
    await queryRunner.query(`
            DROP TABLE "dispatches"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_dispatch_recipients_inbox"
        `);
    await queryRunner.query(`
            DROP TABLE "dispatch_recipients"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_dispatch_files_ordinal"
        `);
    await queryRunner.query(`
            DROP TABLE "dispatch_files"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_records_dispatch"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_records_sender"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_records_recipient"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_audit_records_type"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_records"
        `);
    await queryRunner.query(`
            DROP TABLE "agencies"
        `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parked messages filed for operators (list, inspect, redrive, discard); outbox rows that keep a
 * message id of their own (redrives).
 */
export class ParkedMessages1795447929210 implements MigrationInterface {
  name = 'ParkedMessages1795447929210';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "parked_messages" (
                "id" uuid NOT NULL,
                "message_id" character varying(255) NOT NULL,
                "message_type" character varying(255),
                "source_queue" character varying(255) NOT NULL,
                "routing_key" character varying(255) NOT NULL,
                "error_code" character varying(100) NOT NULL,
                "error_reason" text NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "headers" jsonb NOT NULL,
                "properties" jsonb NOT NULL,
                "body" bytea NOT NULL,
                "parked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "collected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "state" character varying(16) NOT NULL DEFAULT 'parked',
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" character varying(1024),
                "resolution_reason" text,
                CONSTRAINT "ck_parked_messages_state" CHECK (state IN ('parked', 'redriven', 'discarded')),
                CONSTRAINT "PK_dc7e7146af8818b8d97ab5232cc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_parked_messages_state" ON "parked_messages" ("state", "parked_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_parked_messages_parking" ON "parked_messages" ("message_id", "source_queue", "parked_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD "message_id" character varying(255)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP COLUMN "message_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_parked_messages_parking"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_parked_messages_state"
        `);
    await queryRunner.query(`
            DROP TABLE "parked_messages"
        `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recipients' webhooks, the notifications owed to them (durable until answered 2xx) and every
 * delivery attempt, for the notifier app.
 */
export class Webhooks1795456922650 implements MigrationInterface {
  name = 'Webhooks1795456922650';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "webhooks" (
                "id" uuid NOT NULL,
                "agency_code" character varying(35) NOT NULL,
                "url" text NOT NULL,
                "secret" text NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deactivated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhooks_active_agency" ON "webhooks" ("agency_code")
            WHERE active
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_notifications" (
                "id" uuid NOT NULL,
                "webhook_id" uuid NOT NULL,
                "event_type" character varying(64) NOT NULL,
                "source_message_id" character varying(255) NOT NULL,
                "body" text NOT NULL,
                "state" character varying(16) NOT NULL DEFAULT 'pending',
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "leased_until" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_webhook_notifications_state" CHECK (state IN ('pending', 'delivered')),
                CONSTRAINT "PK_ae644eb6677f6e4ac17f6765399" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_webhook_notifications_due" ON "webhook_notifications" ("next_attempt_at")
            WHERE state = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_notifications_source" ON "webhook_notifications" ("webhook_id", "source_message_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "webhook_delivery_attempts" (
                "id" uuid NOT NULL,
                "notification_id" uuid NOT NULL,
                "attempt" integer NOT NULL,
                "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status_code" integer,
                "error" text,
                "duration_ms" integer NOT NULL,
                CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_webhook_delivery_attempts_number" ON "webhook_delivery_attempts" ("notification_id", "attempt")
        `);
    await queryRunner.query(`
            ALTER TABLE "webhooks"
            ADD CONSTRAINT "FK_f422eefbba55be96c971010dd05" FOREIGN KEY ("agency_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_notifications"
            ADD CONSTRAINT "FK_31347558d5d20c5d34af4202455" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_delivery_attempts"
            ADD CONSTRAINT "FK_c0d2a2611fc96aca564df1e9832" FOREIGN KEY ("notification_id") REFERENCES "webhook_notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "FK_c0d2a2611fc96aca564df1e9832"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhook_notifications" DROP CONSTRAINT "FK_31347558d5d20c5d34af4202455"
        `);
    await queryRunner.query(`
            ALTER TABLE "webhooks" DROP CONSTRAINT "FK_f422eefbba55be96c971010dd05"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_webhook_delivery_attempts_number"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_delivery_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_webhook_notifications_source"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_webhook_notifications_due"
        `);
    await queryRunner.query(`
            DROP TABLE "webhook_notifications"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_webhooks_active_agency"
        `);
    await queryRunner.query(`
            DROP TABLE "webhooks"
        `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status notices (trạng thái xử lý) and their delivery into inboxes; recall (thu hồi) per
 * recipient and per dispatch; the link from a replacement dispatch to the one it replaces.
 */
export class StatusNotices1795458390893 implements MigrationInterface {
  name = 'StatusNotices1795458390893';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "status_notices" (
                "id" uuid NOT NULL,
                "dispatch_id" uuid NOT NULL,
                "recipient_code" character varying(35) NOT NULL,
                "author_code" character varying(35) NOT NULL,
                "addressee_code" character varying(35) NOT NULL,
                "notice_id" character varying(128) NOT NULL,
                "status_code" character varying(2) NOT NULL,
                "reason" text,
                "staff" jsonb,
                "noticed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "request_digest" character(64) NOT NULL,
                "delivery_seq" bigint,
                "delivered_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_605c78d0ec48fc353c22044cbba" UNIQUE ("delivery_seq"),
                CONSTRAINT "PK_635ac379efae6d877568ac5e7dd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_status_notices_inbox" ON "status_notices" ("addressee_code", "delivery_seq")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_status_notices_dispatch" ON "status_notices" ("dispatch_id", "recorded_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_status_notices_notice_id" ON "status_notices" ("author_code", "notice_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "status_notices"
            ADD CONSTRAINT "fk_status_notices_dispatch" FOREIGN KEY ("dispatch_id") REFERENCES "dispatches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "status_notices"
            ADD CONSTRAINT "fk_status_notices_author" FOREIGN KEY ("author_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "status_notices"
            ADD CONSTRAINT "fk_status_notices_addressee" FOREIGN KEY ("addressee_code") REFERENCES "agencies"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(
      `ALTER TABLE "dispatch_recipients" ADD "status_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispatch_recipients" ADD "recall_state" character varying(16)`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispatch_recipients" ADD "recalled_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients"
            ADD CONSTRAINT "ck_dispatch_recipients_recall_state" CHECK (recall_state IN ('requested', 'accepted', 'refused'))
        `);
    // TypeORM compares checks by name only, so the widened state list is written by hand.
    await queryRunner.query(
      `ALTER TABLE "dispatch_recipients" DROP CONSTRAINT "ck_dispatch_recipients_state"`,
    );
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients"
            ADD CONSTRAINT "ck_dispatch_recipients_state" CHECK (
                state IN ('pending', 'queued', 'delivered', 'fetched', 'acknowledged', 'recalled')
            )
        `);
    await queryRunner.query(`ALTER TABLE "dispatches" ADD "replaces_dispatch_id" uuid`);
    await queryRunner.query(`ALTER TABLE "dispatches" ADD "recalled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dispatches" ADD "recall_reason" text`);
    await queryRunner.query(`
            CREATE INDEX "ix_dispatches_replaces" ON "dispatches" ("replaces_dispatch_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatches"
            ADD CONSTRAINT "fk_dispatches_replaces" FOREIGN KEY ("replaces_dispatch_id") REFERENCES "dispatches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispatches" DROP CONSTRAINT "fk_dispatches_replaces"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispatches_replaces"`);
    await queryRunner.query(`ALTER TABLE "dispatches" DROP COLUMN "recall_reason"`);
    await queryRunner.query(`ALTER TABLE "dispatches" DROP COLUMN "recalled_at"`);
    await queryRunner.query(`ALTER TABLE "dispatches" DROP COLUMN "replaces_dispatch_id"`);
    await queryRunner.query(`DELETE FROM "dispatch_recipients" WHERE state = 'recalled'`);
    await queryRunner.query(
      `ALTER TABLE "dispatch_recipients" DROP CONSTRAINT "ck_dispatch_recipients_state"`,
    );
    await queryRunner.query(`
            ALTER TABLE "dispatch_recipients"
            ADD CONSTRAINT "ck_dispatch_recipients_state" CHECK (
                state IN ('pending', 'queued', 'delivered', 'fetched', 'acknowledged')
            )
        `);
    await queryRunner.query(
      `ALTER TABLE "dispatch_recipients" DROP CONSTRAINT "ck_dispatch_recipients_recall_state"`,
    );
    await queryRunner.query(`ALTER TABLE "dispatch_recipients" DROP COLUMN "recalled_at"`);
    await queryRunner.query(`ALTER TABLE "dispatch_recipients" DROP COLUMN "recall_state"`);
    await queryRunner.query(`ALTER TABLE "dispatch_recipients" DROP COLUMN "status_at"`);
    await queryRunner.query(`DROP TABLE "status_notices"`);
  }
}

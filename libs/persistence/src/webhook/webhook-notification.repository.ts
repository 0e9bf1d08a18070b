import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookNotificationEntity } from './webhook-notification.entity';
import type { WebhookDeactivation } from './webhook-deactivation';
import type { SealedSecretColumns } from './webhook.repository';

export interface NewWebhookNotification {
  id: string;
  webhookId: string;
  eventType: string;
  sourceMessageId: string;
  body: string;
}

/** A notification claimed for sending, with where and how to send it. */
export interface ClaimedWebhookNotification {
  id: string;
  webhookId: string;
  /** The webhook's agency (for the log line when the webhook has to be stopped). */
  agencyCode: string;
  eventType: string;
  body: string;
  /** 1 for the first POST. */
  attempt: number;
  url: string;
  /** The webhook's secret, sealed; or plain for a row an app has not sealed yet. */
  secret: { sealed: SealedSecretColumns } | { plain: string };
}

export interface WebhookAttemptOutcome {
  notificationId: string;
  attempt: number;
  attemptedAt: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** When to try again; null when the receiver took it (2xx). */
  retryAt: Date | null;
  /**
   * Stop the webhook with this attempt (its notifications stay pending, for a reactivation):
   * the attempt showed that retrying cannot help until the agency acts.
   */
  deactivateWebhook?: { webhookId: string } & WebhookDeactivation;
}

/**
 * The durable queue of webhook notifications: rows are written with the event that causes them
 * and leave only by a 2xx answer. Several senders share it: a claim takes due rows with
 * `FOR UPDATE SKIP LOCKED` and leases them, so no two senders POST the same row at once and a
 * crashed sender's rows come back when the lease ends.
 */
@Injectable()
export class WebhookNotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds notifications in the caller's transaction; one per (webhook, event) whatever repeats. */
  async enqueue(manager: EntityManager, rows: readonly NewWebhookNotification[]): Promise<void> {
    for (const row of rows) {
      await manager.query(
        `INSERT INTO webhook_notifications (id, webhook_id, event_type, source_message_id, body)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (webhook_id, source_message_id) DO NOTHING`,
        [row.id, row.webhookId, row.eventType, row.sourceMessageId, row.body],
      );
    }
  }

  /** Claims up to `limit` due notifications of active webhooks for `leaseMs`. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedWebhookNotification[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: {
        id: string;
        webhook_id: string;
        agency_code: string;
        event_type: string;
        body: string;
        attempts: number;
        url: string;
        secret: string | null;
        secret_ciphertext: Buffer;
        secret_iv: Buffer;
        secret_tag: Buffer;
        secret_key_id: string;
      }[] = await manager.query(
        `SELECT n.id, n.webhook_id, w.agency_code, n.event_type, n.body, n.attempts, w.url, w.secret,
                w.secret_ciphertext, w.secret_iv, w.secret_tag, w.secret_key_id
           FROM webhook_notifications n JOIN webhooks w ON w.id = n.webhook_id
          WHERE n.state = 'pending' AND w.active AND n.next_attempt_at <= now()
            AND (n.leased_until IS NULL OR n.leased_until <= now())
          ORDER BY n.next_attempt_at, n.id
          LIMIT $1
          FOR UPDATE OF n SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return [];
      await manager.query(
        `UPDATE webhook_notifications
            SET attempts = attempts + 1, leased_until = now() + ($2::int * interval '1 millisecond')
          WHERE id = ANY($1::uuid[])`,
        [rows.map((row) => row.id), leaseMs],
      );
      return rows.map((row) => ({
        id: row.id,
        webhookId: row.webhook_id,
        agencyCode: row.agency_code,
        eventType: row.event_type,
        body: row.body,
        attempt: row.attempts + 1,
        url: row.url,
        secret:
          row.secret === null
            ? {
                sealed: {
                  ciphertext: row.secret_ciphertext,
                  iv: row.secret_iv,
                  tag: row.secret_tag,
                  keyId: row.secret_key_id,
                },
              }
            : { plain: row.secret },
      }));
    });
  }

  /**
   * Files one attempt and moves the notification on: delivered, or due again at `retryAt`; and
   * deactivates the webhook when the outcome says so. True when this call deactivated it (false
   * when another attempt, or the agency, had already), so it is reported once.
   */
  async recordAttempt(outcome: WebhookAttemptOutcome): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.insert(WebhookDeliveryAttemptEntity, {
        id: uuidv7(),
        notificationId: outcome.notificationId,
        attempt: outcome.attempt,
        attemptedAt: outcome.attemptedAt,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
      });
      if (outcome.retryAt === null) {
        await manager.update(
          WebhookNotificationEntity,
          { id: outcome.notificationId },
          {
            state: 'delivered',
            deliveredAt: outcome.attemptedAt,
            leasedUntil: null,
            lastError: null,
          },
        );
      } else {
        await manager.update(
          WebhookNotificationEntity,
          { id: outcome.notificationId, state: 'pending' },
          { nextAttemptAt: outcome.retryAt, leasedUntil: null, lastError: outcome.error },
        );
      }
      const stop = outcome.deactivateWebhook;
      if (!stop) return false;
      const [, affected]: [unknown, number] = await manager.query(
        `UPDATE webhooks
            SET active = false, deactivated_at = $2, deactivation_code = $3, deactivation_reason = $4
          WHERE id = $1 AND active`,
        [stop.webhookId, outcome.attemptedAt, stop.code, stop.reason],
      );
      return affected > 0;
    });
  }
}

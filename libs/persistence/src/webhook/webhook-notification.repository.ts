import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookNotificationEntity } from './webhook-notification.entity';
import type { WebhookDeactivation } from './webhook-deactivation';
import { unwrapRows } from '../database/update-returning-rows';
import type { SealedSecretColumns, WebhookChangeHook } from './webhook.repository';
import { WebhookEntity } from './webhook.entity';

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
  /** Since when every attempt to the webhook has failed, as of the claim; null if not failing. */
  failingSince: Date | null;
}

/**
 * How an attempt moves its webhook's failure streak (`webhooks.failing_since`): a success ends
 * it (on an active webhook only: a stopped one keeps the streak its reason states); a failure
 * starts it, or continues it and, through `stopIf`, may end the webhook, decided on the streak's
 * start as committed and locked (several senders may be filing outcomes of one webhook): `stopIf`
 * judges the start it is given, never one it read before.
 */
export type WebhookFailureStreakMove =
  | { webhookId: string; outcome: 'succeeded' }
  | {
      webhookId: string;
      outcome: 'failed';
      stopIf: (failingSince: Date) => WebhookDeactivation | null;
    };

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
  /** Absent for an attempt that says nothing about the receiver (the axis could not sign it). */
  failureStreak?: WebhookFailureStreakMove;
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
        failing_since: Date | null;
      }[] = await manager.query(
        `SELECT n.id, n.webhook_id, w.agency_code, n.event_type, n.body, n.attempts, w.url, w.secret,
                w.secret_ciphertext, w.secret_iv, w.secret_tag, w.secret_key_id, w.failing_since
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
        failingSince: row.failing_since,
      }));
    });
  }

  /**
   * Files one attempt and moves the notification on: delivered, or due again at `retryAt`; moves
   * the webhook's failure streak; and deactivates the webhook when the outcome or the streak says
   * so. The deactivation this call made, or null (none, or another attempt or the agency had
   * already stopped the webhook), so it is reported once: `deactivated` runs in the same
   * transaction only then (what records it, the audit event, commits with the stop or not at all).
   */
  async recordAttempt(
    outcome: WebhookAttemptOutcome,
    deactivated?: WebhookChangeHook,
  ): Promise<WebhookDeactivation | null> {
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
      const streakStop = await moveFailureStreak(manager, outcome);
      const stop = outcome.deactivateWebhook ?? streakStop;
      if (!stop) return null;
      // No condition on the streak here: a stop on it was decided on the row as moveFailureStreak
      // locked it, and this transaction holds that lock until it commits, so no success,
      // reactivation or other failure can move the streak in between (they wait, then find the
      // webhook stopped).
      const [, affected]: [unknown, number] = await manager.query(
        `UPDATE webhooks
            SET active = false, deactivated_at = $2, deactivation_code = $3,
                deactivation_reason = $4, deactivation_reason_vi = $5
          WHERE id = $1 AND active`,
        [stop.webhookId, outcome.attemptedAt, stop.code, stop.reason, stop.reasonVi],
      );
      if (affected === 0) return null;
      await deactivated?.(
        manager,
        await manager.findOneByOrFail(WebhookEntity, { id: stop.webhookId }),
      );
      return { code: stop.code, reason: stop.reason, reasonVi: stop.reasonVi };
    });
  }
}

/**
 * Ends the webhook's failure streak on a success, starts or continues it on a failure; for a
 * failure, the deactivation its `stopIf` asks for on the streak's committed start, if any.
 */
async function moveFailureStreak(
  manager: EntityManager,
  { failureStreak: move, attemptedAt }: WebhookAttemptOutcome,
): Promise<({ webhookId: string } & WebhookDeactivation) | null> {
  if (!move) return null;
  if (move.outcome === 'succeeded') {
    // Not on a webhook a failure stopped meanwhile (its POST in flight as the stop committed):
    // it stays stopped, and keeps the streak its FAILING_PERSISTENTLY reason states.
    await manager.query(
      `UPDATE webhooks SET failing_since = NULL
        WHERE id = $1 AND active AND failing_since IS NOT NULL`,
      [move.webhookId],
    );
    return null;
  }
  // The row lock taken here orders failures (and successes) of one webhook filed concurrently.
  const [streak] = unwrapRows<{ failing_since: Date }>(
    await manager.query(
      `UPDATE webhooks SET failing_since = COALESCE(failing_since, $2)
        WHERE id = $1 AND active RETURNING failing_since`,
      [move.webhookId, attemptedAt],
    ),
  );
  const stop = streak ? move.stopIf(streak.failing_since) : null;
  return stop && { webhookId: move.webhookId, ...stop };
}

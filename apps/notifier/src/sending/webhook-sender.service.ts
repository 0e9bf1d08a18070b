import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import {
  WebhookNotificationRepository,
  type ClaimedWebhookNotification,
  type WebhookFailureStreakMove,
} from '@docaxis/persistence/webhook/webhook-notification.repository';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';
import type { WebhookChangeHook } from '@docaxis/persistence/webhook/webhook.repository';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { persistentFailureStop } from './persistent-failure';
import { retryDelayMs } from './retry-backoff';
import { SENDER_CLOCK, type SenderClock, systemClock } from './sender-clock';
import { type WebhookAnswer, WebhookHttpClient } from './webhook-http-client';
import { signWebhookBody, WebhookHeaders } from './webhook-signature';

/** The audit trail's actor for a webhook the notifier stops, as the router's steps are `router`. */
const WEBHOOK_STOPPED_BY = 'notifier';

/**
 * Sends due notifications: claim a batch from the database, POST each signed, file the attempt,
 * and either mark it delivered (2xx) or schedule the next attempt with exponential backoff. It
 * holds nothing the database does not: any instance, after any crash, picks up where another
 * left (a notification whose answer was not filed is sent again, with the same id).
 *
 * Two kinds of failure stop the webhook. At once, its host resolving to a non-public address:
 * backoff cannot fix that (only the agency's DNS, or a new URL, can), and retrying forever would
 * hide it. And failures that last: every attempt failing for WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS
 * (its failure streak, ended by any success). Either way the webhook is deactivated with the
 * reason, which the agency sees on `GET /api/v1/webhooks`, the log and
 * docaxis_webhooks_deactivated_total tell the operator, the audit trail records it (a
 * `webhook.changed` by `notifier`, committed with the stop), and its notifications stay pending
 * until the agency reactivates it.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookSender.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  /** Audits a stop this sender makes; runs only then (inside the stop's transaction). */
  private readonly recordStop: WebhookChangeHook;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly notifications: WebhookNotificationRepository,
    private readonly http: WebhookHttpClient,
    private readonly cipher: WebhookSecretCipher,
    private readonly metrics: AxisMetrics,
    private readonly changes: WebhookChangeRecorder,
    @Optional() @Inject(SENDER_CLOCK) private readonly now: SenderClock = systemClock,
  ) {
    this.recordStop = changes.recording(WEBHOOK_STOPPED_BY, 'webhook.deactivated');
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the POSTs in flight and files them while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** A notification was just committed: look now rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** One claim → POST → file cycle; the number of notifications it handled. */
  async sendBatch(): Promise<number> {
    const claimed = await this.notifications.claimDue(
      this.config.WEBHOOK_BATCH_SIZE,
      this.config.WEBHOOK_LEASE_MS,
    );
    await Promise.all(claimed.map((notification) => this.send(notification)));
    return claimed.length;
  }

  private async send(notification: ClaimedWebhookNotification): Promise<void> {
    const attemptedAt = this.now();
    const started = performance.now();
    const secret = this.openSecret(notification);
    const answer =
      typeof secret === 'string'
        ? await this.post(notification, secret, Math.floor(attemptedAt.getTime() / 1000))
        : { statusCode: null, error: `not sent: ${secret.message}` };
    const durationMs = Math.round(performance.now() - started);
    const accepted = answer.error === null;
    const retryAt = accepted
      ? null
      : new Date(
          this.now().getTime() +
            retryDelayMs(
              notification.attempt,
              this.config.WEBHOOK_RETRY_BASE_MS,
              this.config.WEBHOOK_RETRY_MAX_MS,
            ),
        );
    if (!accepted) {
      this.logger.warn(
        `webhook notification ${notification.id} attempt ${notification.attempt} failed: ${answer.error}`,
      );
    }
    const refused = answer.refusal?.reason === 'not-public' ? answer.refusal : undefined;
    const deactivated = await this.notifications.recordAttempt(
      {
        notificationId: notification.id,
        attempt: notification.attempt,
        attemptedAt,
        statusCode: answer.statusCode,
        error: answer.error,
        durationMs,
        retryAt,
        deactivateWebhook: refused
          ? { webhookId: notification.webhookId, ...refused.deactivation }
          : undefined,
        // A refused destination stops the webhook by itself; a secret the axis cannot open says
        // nothing about the receiver.
        failureStreak:
          refused || typeof secret !== 'string'
            ? undefined
            : this.failureStreakMove(notification, attemptedAt, answer.error),
      },
      this.recordStop,
    );
    if (deactivated) {
      this.changes.published();
      this.metrics.webhooksDeactivated.inc({ code: deactivated.code });
      this.logger.error(
        `webhook ${notification.webhookId} of agency ${notification.agencyCode} deactivated (${deactivated.code}): ${deactivated.reason}; its pending notifications wait for the agency to reactivate it`,
      );
    }
  }

  /** A success ends the webhook's failure streak (a statement only if it had one); a failure extends it. */
  private failureStreakMove(
    notification: ClaimedWebhookNotification,
    attemptedAt: Date,
    error: string | null,
  ): WebhookFailureStreakMove | undefined {
    const webhookId = notification.webhookId;
    if (error !== null) {
      const limitHours = this.config.WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS;
      return {
        webhookId,
        outcome: 'failed',
        stopIf: persistentFailureStop(limitHours, attemptedAt, error),
      };
    }
    return notification.failingSince ? { webhookId, outcome: 'succeeded' } : undefined;
  }

  /** The webhook's secret, or why it does not open (its key is not configured here). */
  private openSecret(notification: ClaimedWebhookNotification): string | Error {
    try {
      return 'plain' in notification.secret
        ? notification.secret.plain
        : this.cipher.open(notification.webhookId, notification.secret.sealed);
    } catch (error) {
      return error as Error;
    }
  }

  /** Signs and POSTs. */
  private post(
    notification: ClaimedWebhookNotification,
    secret: string,
    timestamp: number,
  ): Promise<WebhookAnswer> {
    return this.http.post({
      url: notification.url,
      body: notification.body,
      headers: {
        [WebhookHeaders.Id]: notification.id,
        [WebhookHeaders.Timestamp]: String(timestamp),
        [WebhookHeaders.Signature]: signWebhookBody(secret, timestamp, notification.body),
        [WebhookHeaders.Event]: notification.eventType,
        [WebhookHeaders.Attempt]: String(notification.attempt),
      },
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let handled = 0;
      try {
        handled = await this.sendBatch();
      } catch (error) {
        // Most likely the database is unreachable: the rows wait there; try at the next poll.
        this.logger.error(`webhook batch failed: ${(error as Error).message}`);
      }
      if (!this.running) break;
      if (handled === this.config.WEBHOOK_BATCH_SIZE || this.nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.config.WEBHOOK_POLL_MS);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
  }
}

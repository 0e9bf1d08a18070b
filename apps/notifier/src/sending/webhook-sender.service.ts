import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  WebhookNotificationRepository,
  type ClaimedWebhookNotification,
} from '@docaxis/persistence/webhook/webhook-notification.repository';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { retryDelayMs } from './retry-backoff';
import { type WebhookAnswer, WebhookHttpClient } from './webhook-http-client';
import { signWebhookBody, WebhookHeaders } from './webhook-signature';

/**
 * Sends due notifications: claim a batch from the database, POST each signed, file the attempt,
 * and either mark it delivered (2xx) or schedule the next attempt with exponential backoff. It
 * holds nothing the database does not: any instance, after any crash, picks up where another
 * left (a notification whose answer was not filed is sent again, with the same id).
 *
 * One failure is terminal for the webhook: its host resolving to a non-public address. Backoff
 * cannot fix that (only the agency's DNS, or a new URL, can), and retrying forever would hide it;
 * the webhook is deactivated with the reason, which the agency sees on `GET /api/v1/webhooks`,
 * the log and docaxis_webhooks_deactivated_total tell the operator, and its notifications stay
 * pending until the agency reactivates it.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookSender.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly notifications: WebhookNotificationRepository,
    private readonly http: WebhookHttpClient,
    private readonly cipher: WebhookSecretCipher,
    private readonly metrics: AxisMetrics,
  ) {}

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
    const attemptedAt = new Date();
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    const answer = await this.post(notification, timestamp);
    const durationMs = Date.now() - attemptedAt.getTime();
    const accepted = answer.error === null;
    const retryAt = accepted
      ? null
      : new Date(
          Date.now() +
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
    const deactivation =
      answer.refusal?.reason === 'not-public'
        ? ({ code: 'DESTINATION_NOT_PUBLIC', reason: answer.refusal.message } as const)
        : undefined;
    const deactivated = await this.notifications.recordAttempt({
      notificationId: notification.id,
      attempt: notification.attempt,
      attemptedAt,
      statusCode: answer.statusCode,
      error: answer.error,
      durationMs,
      retryAt,
      deactivateWebhook: deactivation && { webhookId: notification.webhookId, ...deactivation },
    });
    if (deactivated && deactivation) {
      this.metrics.webhooksDeactivated.inc({ code: deactivation.code });
      this.logger.error(
        `webhook ${notification.webhookId} of agency ${notification.agencyCode} deactivated (${deactivation.code}): ${deactivation.reason}; its pending notifications wait for the agency to reactivate it`,
      );
    }
  }

  /** Signs and POSTs; a secret that does not open is a failed attempt, like any other. */
  private post(
    notification: ClaimedWebhookNotification,
    timestamp: number,
  ): Promise<WebhookAnswer> {
    let secret: string;
    try {
      secret =
        'plain' in notification.secret
          ? notification.secret.plain
          : this.cipher.open(notification.webhookId, notification.secret.sealed);
    } catch (error) {
      return Promise.resolve({ statusCode: null, error: `not sent: ${(error as Error).message}` });
    }
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

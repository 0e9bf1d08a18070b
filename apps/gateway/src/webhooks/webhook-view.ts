import type { WebhookNotificationHistory } from '@docaxis/persistence/webhook/webhook.repository';
import type { WebhookEntity } from '@docaxis/persistence/webhook/webhook.entity';

/** A webhook as the API shows it: never its secret. */
export interface WebhookView {
  id: string;
  agencyCode: string;
  url: string;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
  /**
   * Why it is inactive: DEACTIVATED_BY_AGENCY, REPLACED, DESTINATION_NOT_PUBLIC or
   * FAILING_PERSISTENTLY (null while active).
   */
  deactivationCode: string | null;
  /** In English. */
  deactivationReason: string | null;
  /** The same in Vietnamese (null for webhooks deactivated before it was recorded). */
  deactivationReasonVi: string | null;
}

/** The inbox route an agency reads what no webhook told it. */
export const INBOX_ROUTE = '/api/v1/inbox';

/**
 * What `POST /webhooks/:id/reactivate` answers: the webhook, and what it was not told. Events in
 * the inbox while no webhook was active were never queued for one (the inbox has them): the
 * agency reads them there, from the last cursor it processed.
 */
export interface ReactivatedWebhookView extends WebhookView {
  /** Null when the webhook was active already (nothing was missed). */
  catchUp: {
    /** When it stopped (null for a webhook deactivated before that was recorded). */
    inactiveFrom: string | null;
    inactiveUntil: string;
    inbox: typeof INBOX_ROUTE;
    /** Vietnamese. */
    message: string;
    messageEn: string;
  } | null;
}

export interface WebhookNotificationView {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveryAttempts: {
    attempt: number;
    attemptedAt: string;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  }[];
}

export function webhookView(webhook: WebhookEntity): WebhookView {
  return {
    id: webhook.id,
    agencyCode: webhook.agencyCode,
    url: webhook.url,
    active: webhook.active,
    createdAt: webhook.createdAt.toISOString(),
    deactivatedAt: webhook.deactivatedAt?.toISOString() ?? null,
    deactivationCode: webhook.deactivationCode,
    deactivationReason: webhook.deactivationReason,
    deactivationReasonVi: webhook.deactivationReasonVi,
  };
}

/**
 * The reactivated webhook, with where to catch up when it was inactive (`wasInactiveFrom`
 * undefined: it was active).
 */
export function reactivatedWebhookView(
  webhook: WebhookEntity,
  wasInactiveFrom: Date | null | undefined,
  reactivatedAt: Date,
): ReactivatedWebhookView {
  if (wasInactiveFrom === undefined) return { ...webhookView(webhook), catchUp: null };
  const from = wasInactiveFrom?.toISOString() ?? null;
  const until = reactivatedAt.toISOString();
  const span = from ? `${from} – ${until}` : `… – ${until}`;
  return {
    ...webhookView(webhook),
    catchUp: {
      inactiveFrom: from,
      inactiveUntil: until,
      inbox: INBOX_ROUTE,
      message: `Các sự kiện vào hộp thư trong thời gian webhook không hoạt động (${span}) không được gửi tới webhook: hãy đọc GET ${INBOX_ROUTE} từ cursor cuối cùng đã xử lý. Các thông báo còn chờ từ trước đó sẽ được gửi ngay.`,
      messageEn: `Inbox events while the webhook was inactive (${span}) were not sent to it: read GET ${INBOX_ROUTE} from the last cursor you processed. Notifications still pending from before are sent at once.`,
    },
  };
}

export function webhookNotificationView({
  notification,
  attempts,
}: WebhookNotificationHistory): WebhookNotificationView {
  return {
    id: notification.id,
    eventType: notification.eventType,
    state: notification.state,
    attempts: notification.attempts,
    nextAttemptAt:
      notification.state === 'pending' ? notification.nextAttemptAt.toISOString() : null,
    deliveredAt: notification.deliveredAt?.toISOString() ?? null,
    lastError: notification.lastError,
    createdAt: notification.createdAt.toISOString(),
    deliveryAttempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      attemptedAt: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  };
}

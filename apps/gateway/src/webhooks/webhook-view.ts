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
  /** Why it is inactive: DEACTIVATED_BY_AGENCY, REPLACED or DESTINATION_NOT_PUBLIC (null while active). */
  deactivationCode: string | null;
  deactivationReason: string | null;
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

/**
 * Why a webhook stopped receiving notifications, as the API shows it:
 * - DEACTIVATED_BY_AGENCY: `DELETE /api/v1/webhooks/:id`;
 * - REPLACED: the agency registered (or reactivated) another webhook;
 * - DESTINATION_NOT_PUBLIC: the notifier found the host resolving to an address webhooks may not
 *   reach (SSRF guard) and stopped sending rather than retry forever; the agency reactivates it
 *   once its DNS points to a public address again;
 * - FAILING_PERSISTENTLY: every delivery attempt failed (non-2xx, time-out, connection, TLS, DNS)
 *   for WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS; the agency reactivates it once its receiver works.
 */
export const WEBHOOK_DEACTIVATION_CODES = [
  'DEACTIVATED_BY_AGENCY',
  'REPLACED',
  'DESTINATION_NOT_PUBLIC',
  'FAILING_PERSISTENTLY',
] as const;

export type WebhookDeactivationCode = (typeof WEBHOOK_DEACTIVATION_CODES)[number];

/**
 * A deactivation: its code and, for the agency and operator, the words behind it in English
 * (`reason`, as the log writes it) and Vietnamese (`reasonVi`); webhook-deactivation-wording.ts
 * words each kind.
 */
export interface WebhookDeactivation {
  readonly code: WebhookDeactivationCode;
  readonly reason: string;
  readonly reasonVi: string;
}

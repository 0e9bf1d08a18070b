import type { AuditWordingLanguage } from './audit-event-type-names';

/**
 * A `webhook.changed` record in words: what happened, and why a webhook was stopped (its
 * deactivation code). Imported by the console too (by relative path): no `@docaxis/*` imports,
 * so the codes are keyed as strings (a code the wording lacks is shown as recorded).
 */
export interface WebhookChangeWording {
  action: Readonly<Record<string, string>>;
  deactivationCode: Readonly<Record<string, string>>;
  /** A webhook the axis stopped on its own (actor `notifier`). */
  byNotifier: string;
}

/** The actor of a webhook the axis stopped on its own (apps/notifier). */
export const WEBHOOK_NOTIFIER_ACTOR = 'notifier';

export const WEBHOOK_CHANGE_WORDING: Readonly<Record<AuditWordingLanguage, WebhookChangeWording>> =
  {
    vi: {
      action: {
        'webhook.registered': 'đăng ký',
        'webhook.deactivated': 'ngừng',
        'webhook.reactivated': 'kích hoạt lại',
      },
      deactivationCode: {
        DEACTIVATED_BY_AGENCY: 'cơ quan tự ngừng',
        REPLACED: 'đã thay bằng webhook khác',
        DESTINATION_NOT_PUBLIC: 'địa chỉ nhận không phải địa chỉ công cộng',
        FAILING_PERSISTENTLY: 'gửi thất bại kéo dài',
      },
      byNotifier: 'do trục tự ngừng (notifier)',
    },
    en: {
      action: {
        'webhook.registered': 'registered',
        'webhook.deactivated': 'deactivated',
        'webhook.reactivated': 'reactivated',
      },
      deactivationCode: {
        DEACTIVATED_BY_AGENCY: 'by the agency',
        REPLACED: 'replaced by another webhook',
        DESTINATION_NOT_PUBLIC: 'destination not a public address',
        FAILING_PERSISTENTLY: 'failing persistently',
      },
      byNotifier: 'stopped by the axis (notifier)',
    },
  };

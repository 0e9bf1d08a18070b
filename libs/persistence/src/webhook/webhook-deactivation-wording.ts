import type { WebhookDeactivation } from './webhook-deactivation';

/**
 * Why a webhook stopped, in the words the agency reads on `GET /api/v1/webhooks`
 * (`deactivationReason` in English, `deactivationReasonVi` in Vietnamese) and the operator in the
 * log. Built once, when the webhook stops, from the facts of that moment; technical details
 * (host names, addresses, the receiver's last error) stay as they were.
 */
export const WebhookDeactivationWording = {
  byAgency(): WebhookDeactivation {
    return {
      code: 'DEACTIVATED_BY_AGENCY',
      reason: 'deactivated by the agency',
      reasonVi: 'cơ quan đã tự ngừng webhook',
    };
  },

  replacedBy(successorId: string): WebhookDeactivation {
    return {
      code: 'REPLACED',
      reason: `replaced by webhook ${successorId}`,
      reasonVi: `đã được thay bằng webhook ${successorId}`,
    };
  },

  /** `address`: the one refused, when the host is a name that resolves to it. */
  destinationNotPublic(hostname: string, address?: string): WebhookDeactivation {
    const via = address === undefined ? '' : ` resolves to ${address}, which`;
    const viaVi = address === undefined ? '' : ` phân giải tới ${address}, địa chỉ này`;
    return {
      code: 'DESTINATION_NOT_PUBLIC',
      reason: `the webhook host ${hostname}${via} is not a public address (loopback, private, link-local, multicast or reserved)`,
      reasonVi: `máy chủ webhook ${hostname}${viaVi} không phải địa chỉ công cộng (loopback, mạng riêng, link-local, multicast hoặc dành riêng)`,
    };
  },

  failingPersistently(failure: {
    hours: number;
    failingSince: Date;
    limitHours: number;
    lastError: string;
  }): WebhookDeactivation {
    const { hours, limitHours, lastError } = failure;
    const since = failure.failingSince.toISOString();
    return {
      code: 'FAILING_PERSISTENTLY',
      reason: `every delivery attempt failed for ${hours} h (since ${since}, the limit is ${limitHours} h); the last: ${lastError}`,
      reasonVi: `mọi lần gửi đều thất bại trong ${hours} giờ (từ ${since}, giới hạn là ${limitHours} giờ); lần cuối: ${lastError}`,
    };
  },
};

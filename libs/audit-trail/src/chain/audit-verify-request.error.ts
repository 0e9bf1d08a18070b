import type { BilingualText } from '@docaxis/errors/domain-error';
import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** A verification was asked for a range or an anchor that does not describe records. */
export class AuditVerifyRequestError extends InvalidInputError {
  constructor(reason: BilingualText, details: Readonly<Record<string, unknown>>) {
    super('AUDIT_VERIFY_REQUEST_INVALID', `Cannot verify the audit chain: ${reason.en}`, details, {
      vi: `Không thể kiểm tra chuỗi nhật ký kiểm toán: ${reason.vi}.`,
    });
  }
}

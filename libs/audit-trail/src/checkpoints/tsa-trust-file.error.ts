import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** AUDIT_TSA_TRUST_FILE cannot be read or holds no certificate: a start-up error, not a silent "no trust". */
export class TsaTrustFileError extends InvalidInputError {
  constructor(path: string, reason: string) {
    super('AUDIT_TSA_TRUST_FILE_INVALID', `AUDIT_TSA_TRUST_FILE ${path}: ${reason}`, {
      path,
      reason,
    });
  }
}

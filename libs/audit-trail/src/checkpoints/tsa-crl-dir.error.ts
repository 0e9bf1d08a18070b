import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/**
 * AUDIT_TSA_CRL_DIR cannot be read, or is set without AUDIT_TSA_TRUST_FILE (revocation of a TSA
 * whose chain is not checked means nothing): a start-up error, not a silent "not checked".
 */
export class TsaCrlDirError extends InvalidInputError {
  constructor(path: string, reason: string) {
    super('AUDIT_TSA_CRL_DIR_INVALID', `AUDIT_TSA_CRL_DIR ${path}: ${reason}`, { path, reason });
  }
}

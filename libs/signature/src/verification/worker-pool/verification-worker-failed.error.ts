import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** A verification worker thread failed or the pool was closed: the verification did not happen. */
export class VerificationWorkerFailedError extends UnavailableError {
  constructor(reason: string) {
    super('VERIFICATION_WORKER_FAILED', `PDF verification on a worker thread failed: ${reason}`);
  }
}

import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** The recorder is shutting down: the message goes back to the queue for another instance. */
export class AuditRecorderStoppedError extends UnavailableError {
  constructor() {
    super('AUDIT_RECORDER_STOPPED', 'The audit recorder is stopping and accepts no more events');
  }
}

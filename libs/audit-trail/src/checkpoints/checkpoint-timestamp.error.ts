import { UnavailableError } from '@docaxis/errors/domain-error-kinds';

/** The configured TSA gave no usable RFC 3161 token. */
export class CheckpointTimestampError extends UnavailableError {
  constructor(reason: string) {
    super('AUDIT_CHECKPOINT_TIMESTAMP_FAILED', `Checkpoint timestamp failed: ${reason}`, {
      reason,
    });
  }
}

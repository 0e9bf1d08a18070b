import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** The configured axis signing key does not fit its certificate, or is of a type we cannot use. */
export class CheckpointSigningKeyError extends InvalidInputError {
  constructor(keyType?: string) {
    super(
      'AUDIT_CHECKPOINT_KEY_INVALID',
      keyType
        ? `The axis signing key is a ${keyType} key; checkpoints are signed with RSA or EC keys`
        : 'The axis signing key does not belong to the axis signing certificate',
      { keyType: keyType ?? null },
    );
  }
}

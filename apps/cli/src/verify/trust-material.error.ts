import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** Trust anchors, intermediates or CRLs given to `docaxis verify` that cannot be used. */
export class TrustMaterialError extends InvalidInputError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('CLI_TRUST_MATERIAL_UNUSABLE', message, details);
  }
}

import { UnprocessableError } from '@docaxis/errors/domain-error-kinds';

/** A digest or signature algorithm the verifier does not implement or refuses as too weak. */
export class UnsupportedAlgorithmError extends UnprocessableError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('UNSUPPORTED_ALGORITHM', message, details);
  }
}

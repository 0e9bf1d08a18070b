import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** Bytes that are not a usable X.509 certificate. */
export class CertificateParseError extends InvalidInputError {
  constructor(message: string) {
    super('CERTIFICATE_MALFORMED', message);
  }
}

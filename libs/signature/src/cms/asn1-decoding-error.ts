import { InvalidInputError } from '@docaxis/errors/domain-error-kinds';

/** BER/DER bytes that do not decode into the structure expected (CMS, certificate, CRL). */
export class Asn1DecodingError extends InvalidInputError {
  constructor(message: string) {
    super('ASN1_MALFORMED', message);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { CertificateRegistration } from '@docaxis/persistence/agency/agency-certificate.repository';
import type { CertificateRole } from '@docaxis/persistence/agency/certificate-role';
import { formatSubject, subjectAttribute } from '../auth/certificate-subject';
import {
  ClientCertificateIssuers,
  isValidAt,
  parseSingleCertificatePem,
} from '../auth/client-certificate-issuers';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import {
  CertificateAgencyMismatchError,
  CertificateNotFromDedicatedCaError,
  CertificateOutsideValidityError,
  CertificatePemInvalidError,
} from './directory.errors';

/**
 * What must hold before a client certificate is registered for an agency: one PEM certificate
 * (never a key), an end-entity certificate chaining to a CA the TLS handshake trusts, valid now,
 * whose subject names that very agency in the configured attribute. The handshake would refuse
 * anything else anyway; refusing it here keeps the directory free of entries that cannot work.
 */
@Injectable()
export class CertificateRegistrationCheck {
  constructor(
    private readonly issuers: ClientCertificateIssuers,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  registrationOf(
    agencyCode: string,
    pem: string,
    roles: readonly CertificateRole[],
  ): CertificateRegistration {
    const certificate = parseSingleCertificatePem(pem);
    if (!certificate) throw new CertificatePemInvalidError();
    if (certificate.ca || !this.issuers.chainOf(certificate)) {
      throw new CertificateNotFromDedicatedCaError(certificate.issuer.replace(/\n/g, ', '));
    }
    const notBefore = new Date(certificate.validFrom);
    const notAfter = new Date(certificate.validTo);
    if (!isValidAt(certificate, new Date())) {
      throw new CertificateOutsideValidityError(notBefore.toISOString(), notAfter.toISOString());
    }
    const legacy = certificate.toLegacyObject();
    const subjectCode = subjectAttribute(legacy, this.config.AGENCY_CODE_SUBJECT_OID);
    if (subjectCode !== agencyCode)
      throw new CertificateAgencyMismatchError(agencyCode, subjectCode);
    return {
      sha256Fingerprint: certificate.fingerprint256,
      agencyCode,
      roles,
      subject: formatSubject(legacy),
      serialNumber: certificate.serialNumber,
      notBefore,
      notAfter,
    };
  }
}

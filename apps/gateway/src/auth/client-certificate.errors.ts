import { ForbiddenError, UnauthenticatedError } from '@docaxis/errors/domain-error-kinds';

export class ClientCertificateRequiredError extends UnauthenticatedError {
  constructor() {
    super(
      'CLIENT_CERTIFICATE_REQUIRED',
      'A client certificate issued by the dedicated government CA is required (mutual TLS).',
    );
  }
}

/** The TLS layer rejected the certificate's chain, validity or revocation status. */
export class ClientCertificateInvalidError extends UnauthenticatedError {
  constructor(reason: string) {
    super('CLIENT_CERTIFICATE_INVALID', `The client certificate is not acceptable: ${reason}.`, {
      reason,
    });
  }
}

export class ClientCertificateWithoutAgencyError extends UnauthenticatedError {
  constructor(subject: string) {
    super(
      'CLIENT_CERTIFICATE_NO_AGENCY_CODE',
      'The client certificate carries no valid agency code (mã định danh) in its subject.',
      { subject },
    );
  }
}

export class AgencyNotRegisteredError extends ForbiddenError {
  constructor(agencyCode: string) {
    super('AGENCY_NOT_REGISTERED', `Agency ${agencyCode} is not registered on the axis.`, {
      agencyCode,
    });
  }
}

/** A valid certificate of the dedicated CA that the directory does not list for any agency. */
export class ClientCertificateNotRegisteredError extends ForbiddenError {
  constructor(agencyCode: string, fingerprint: string) {
    super(
      'CLIENT_CERTIFICATE_NOT_REGISTERED',
      `This client certificate is not registered for agency ${agencyCode}; ask the axis administrator to register it.`,
      { agencyCode, fingerprint },
    );
  }
}

export class ClientCertificateRetiredError extends ForbiddenError {
  constructor(agencyCode: string, fingerprint: string) {
    super(
      'CLIENT_CERTIFICATE_RETIRED',
      `This client certificate of agency ${agencyCode} was retired; use its replacement.`,
      { agencyCode, fingerprint },
    );
  }
}

export class AgencySuspendedError extends ForbiddenError {
  constructor(agencyCode: string) {
    super('AGENCY_SUSPENDED', `Agency ${agencyCode} is suspended and cannot use the axis.`, {
      agencyCode,
    });
  }
}

export class RoleNotGrantedError extends ForbiddenError {
  constructor(required: readonly string[], granted: readonly string[]) {
    super(
      'ROLE_NOT_GRANTED',
      `This route needs one of the roles ${required.join(', ')}; the certificate grants ${granted.join(', ') || 'none'}.`,
      { required, granted },
    );
  }
}

/** Trusted-proxy mode: the certificate header came from an address that is not a trusted proxy. */
export class ClientCertificateHeaderUntrustedError extends UnauthenticatedError {
  constructor(header: string) {
    super(
      'CLIENT_CERTIFICATE_HEADER_UNTRUSTED',
      `The ${header} header is only accepted from the configured TLS-terminating proxies; connect with mutual TLS instead.`,
      { header },
    );
  }
}

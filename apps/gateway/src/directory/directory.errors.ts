import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';

export class DirectoryRequestInvalidError extends InvalidInputError {
  constructor(issues: readonly { path: string; message: string }[]) {
    super(
      'DIRECTORY_REQUEST_INVALID',
      `The request body is invalid: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}.`,
      { issues },
    );
  }
}

export class AgencyAlreadyRegisteredError extends ConflictError {
  constructor(agencyCode: string) {
    super('AGENCY_ALREADY_REGISTERED', `Agency ${agencyCode} is already in the directory.`, {
      agencyCode,
    });
  }
}

export class AgencyNotFoundError extends NotFoundError {
  constructor(agencyCode: string) {
    super('AGENCY_NOT_FOUND', `Agency ${agencyCode} is not in the directory.`, { agencyCode });
  }
}

export class ParentAgencyNotFoundError extends UnprocessableError {
  constructor(parentCode: string) {
    super('PARENT_AGENCY_NOT_FOUND', `Parent agency ${parentCode} is not in the directory.`, {
      parentCode,
    });
  }
}

/** The parent of a code is fixed by the code itself: its deepest used level zeroed. */
export class ParentAgencyMismatchError extends UnprocessableError {
  constructor(agencyCode: string, parentCode: string, expected: string | undefined) {
    super(
      'PARENT_AGENCY_MISMATCH',
      expected
        ? `The parent of ${agencyCode} is ${expected} (its deepest level zeroed), not ${parentCode}.`
        : `${agencyCode} is a level-1 agency (ministry or province) and has no parent.`,
      { agencyCode, parentCode, expected: expected ?? null },
    );
  }
}

export class CertificatePemInvalidError extends InvalidInputError {
  constructor() {
    super(
      'CERTIFICATE_PEM_INVALID',
      'certificatePem must hold exactly one X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----).',
    );
  }
}

export class CertificateNotFromDedicatedCaError extends UnprocessableError {
  constructor(issuer: string) {
    super(
      'CERTIFICATE_NOT_FROM_DEDICATED_CA',
      'The certificate is not a client certificate issued by a CA the gateway trusts for mutual TLS.',
      { issuer },
    );
  }
}

export class CertificateOutsideValidityError extends UnprocessableError {
  constructor(notBefore: string, notAfter: string) {
    super(
      'CLIENT_CERTIFICATE_OUTSIDE_VALIDITY',
      `The certificate is not valid now (valid from ${notBefore} to ${notAfter}).`,
      { notBefore, notAfter },
    );
  }
}

export class CertificateAgencyMismatchError extends UnprocessableError {
  constructor(agencyCode: string, subjectAgencyCode: string | undefined) {
    super(
      'CERTIFICATE_AGENCY_MISMATCH',
      `The certificate subject names agency ${subjectAgencyCode ?? '(none)'}, not ${agencyCode}.`,
      { agencyCode, subjectAgencyCode: subjectAgencyCode ?? null },
    );
  }
}

export class CertificateAlreadyRegisteredError extends ConflictError {
  constructor(fingerprint: string) {
    super('CERTIFICATE_ALREADY_REGISTERED', 'This certificate is already registered.', {
      fingerprint,
    });
  }
}

export class CertificateNotFoundError extends NotFoundError {
  constructor(agencyCode: string, fingerprint: string) {
    super(
      'CERTIFICATE_NOT_FOUND',
      `Agency ${agencyCode} has no registered certificate ${fingerprint}.`,
      { agencyCode, fingerprint },
    );
  }
}

export class CertificateAlreadyRetiredError extends ConflictError {
  constructor(fingerprint: string) {
    super('CERTIFICATE_ALREADY_RETIRED', 'This certificate was already retired.', {
      fingerprint,
    });
  }
}

/** An administrator cannot cut off the credential or the agency they are acting through. */
export class SelfLockoutRefusedError extends ConflictError {
  constructor(what: 'agency' | 'certificate') {
    super(
      'SELF_LOCKOUT_REFUSED',
      `Refused: this would lock out the ${what} you are calling with; use another administrator.`,
      { what },
    );
  }
}

import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnprocessableError,
} from '@docaxis/errors/domain-error-kinds';
import { type BodyIssue, RequestBodyInvalidError } from '../http/body-issues';

export class DirectoryRequestInvalidError extends RequestBodyInvalidError {
  constructor(issues: readonly BodyIssue[]) {
    super(
      'DIRECTORY_REQUEST_INVALID',
      { en: 'The request body is invalid', vi: 'Nội dung yêu cầu không hợp lệ' },
      issues,
    );
  }
}

export class AgencyAlreadyRegisteredError extends ConflictError {
  constructor(agencyCode: string) {
    super(
      'AGENCY_ALREADY_REGISTERED',
      `Agency ${agencyCode} is already in the directory.`,
      { agencyCode },
      { vi: `Cơ quan, tổ chức ${agencyCode} đã có trong danh bạ.` },
    );
  }
}

export class AgencyNotFoundError extends NotFoundError {
  constructor(agencyCode: string) {
    super(
      'AGENCY_NOT_FOUND',
      `Agency ${agencyCode} is not in the directory.`,
      { agencyCode },
      { vi: `Cơ quan, tổ chức ${agencyCode} không có trong danh bạ.` },
    );
  }
}

export class ParentAgencyNotFoundError extends UnprocessableError {
  constructor(parentCode: string) {
    super(
      'PARENT_AGENCY_NOT_FOUND',
      `Parent agency ${parentCode} is not in the directory.`,
      { parentCode },
      { vi: `Cơ quan cấp trên ${parentCode} không có trong danh bạ.` },
    );
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
      {
        vi: expected
          ? `Cơ quan cấp trên của ${agencyCode} là ${expected} (mã có cấp thấp nhất đặt về 0), không phải ${parentCode}.`
          : `${agencyCode} là cơ quan cấp 1 (bộ, ngành hoặc tỉnh) nên không có cơ quan cấp trên.`,
      },
    );
  }
}

export class CertificatePemInvalidError extends InvalidInputError {
  constructor() {
    super(
      'CERTIFICATE_PEM_INVALID',
      'certificatePem must hold exactly one X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----).',
      undefined,
      {
        vi: 'Trường certificatePem phải chứa đúng một chứng thư số X.509 dạng PEM (-----BEGIN CERTIFICATE-----).',
      },
    );
  }
}

export class CertificateNotFromDedicatedCaError extends UnprocessableError {
  constructor(issuer: string) {
    super(
      'CERTIFICATE_NOT_FROM_DEDICATED_CA',
      'The certificate is not a client certificate issued by a CA the gateway trusts for mutual TLS.',
      { issuer },
      {
        vi: 'Chứng thư số này không phải là chứng thư số máy khách do một tổ chức chứng thực mà trục tin cậy khi xác thực TLS hai chiều cấp.',
      },
    );
  }
}

export class CertificateOutsideValidityError extends UnprocessableError {
  constructor(notBefore: string, notAfter: string) {
    super(
      'CLIENT_CERTIFICATE_OUTSIDE_VALIDITY',
      `The certificate is not valid now (valid from ${notBefore} to ${notAfter}).`,
      { notBefore, notAfter },
      {
        vi: `Chứng thư số hiện không trong thời hạn hiệu lực (có hiệu lực từ ${notBefore} đến ${notAfter}).`,
      },
    );
  }
}

export class CertificateAgencyMismatchError extends UnprocessableError {
  constructor(agencyCode: string, subjectAgencyCode: string | undefined) {
    super(
      'CERTIFICATE_AGENCY_MISMATCH',
      `The certificate subject names agency ${subjectAgencyCode ?? '(none)'}, not ${agencyCode}.`,
      { agencyCode, subjectAgencyCode: subjectAgencyCode ?? null },
      {
        vi: `Chủ thể của chứng thư số ghi mã định danh ${subjectAgencyCode ?? '(không có)'}, không phải ${agencyCode}.`,
      },
    );
  }
}

export class CertificateAlreadyRegisteredError extends ConflictError {
  constructor(fingerprint: string) {
    super(
      'CERTIFICATE_ALREADY_REGISTERED',
      'This certificate is already registered.',
      { fingerprint },
      { vi: 'Chứng thư số này đã được đăng ký.' },
    );
  }
}

export class CertificateNotFoundError extends NotFoundError {
  constructor(agencyCode: string, fingerprint: string) {
    super(
      'CERTIFICATE_NOT_FOUND',
      `Agency ${agencyCode} has no registered certificate ${fingerprint}.`,
      { agencyCode, fingerprint },
      {
        vi: `Cơ quan, tổ chức ${agencyCode} không có chứng thư số đã đăng ký nào có dấu vân tay ${fingerprint}.`,
      },
    );
  }
}

export class CertificateAlreadyRetiredError extends ConflictError {
  constructor(fingerprint: string) {
    super(
      'CERTIFICATE_ALREADY_RETIRED',
      'This certificate was already retired.',
      { fingerprint },
      { vi: 'Chứng thư số này đã được ngừng sử dụng trước đó.' },
    );
  }
}

/** An administrator cannot cut off the credential or the agency they are acting through. */
export class SelfLockoutRefusedError extends ConflictError {
  constructor(what: 'agency' | 'certificate') {
    super(
      'SELF_LOCKOUT_REFUSED',
      `Refused: this would lock out the ${what} you are calling with; use another administrator.`,
      { what },
      {
        vi: `Từ chối: thao tác này sẽ khóa ${what === 'agency' ? 'chính cơ quan, tổ chức' : 'chính chứng thư số'} đang thực hiện yêu cầu; đề nghị thực hiện bằng chứng thư số của một quản trị viên khác.`,
      },
    );
  }
}

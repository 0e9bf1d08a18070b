import { ForbiddenError, UnauthenticatedError } from '@docaxis/errors/domain-error-kinds';

export class ClientCertificateRequiredError extends UnauthenticatedError {
  constructor() {
    super(
      'CLIENT_CERTIFICATE_REQUIRED',
      'A client certificate issued by the dedicated government CA is required (mutual TLS).',
      undefined,
      {
        vi: 'Yêu cầu phải kèm chứng thư số máy khách do Cơ quan chứng thực số chuyên dùng Chính phủ cấp (xác thực TLS hai chiều).',
      },
    );
  }
}

const UNTRUSTED_VI = 'chứng thư số không do tổ chức chứng thực mà trục tin cậy cấp';

/** What the TLS layer's (OpenSSL's) reason codes mean, in Vietnamese; the code itself is quoted. */
const REASON_VI: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'chứng thư số đã hết hạn',
  CERT_NOT_YET_VALID: 'chứng thư số chưa đến thời hạn có hiệu lực',
  CERT_REVOKED: 'chứng thư số đã bị thu hồi',
  UNABLE_TO_GET_CRL: 'không xác định được tình trạng thu hồi của chứng thư số',
  CRL_HAS_EXPIRED: 'danh sách chứng thư số bị thu hồi (CRL) dùng để kiểm tra đã hết hạn',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED_VI,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED_VI,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED_VI,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED_VI,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED_VI,
  CERT_UNTRUSTED: UNTRUSTED_VI,
  CERT_SIGNATURE_FAILURE: 'chữ ký của tổ chức chứng thực trên chứng thư số không hợp lệ',
  INVALID_PURPOSE: 'chứng thư số không được cấp cho mục đích xác thực máy khách',
  FORWARDED_CERTIFICATE_MALFORMED:
    'chứng thư số do máy chủ trung gian (proxy) chuyển tiếp không đúng định dạng',
};

/** The TLS layer rejected the certificate's chain, validity or revocation status. */
export class ClientCertificateInvalidError extends UnauthenticatedError {
  /** `reason`: the TLS layer's code (CERT_HAS_EXPIRED, CERT_REVOKED, …). */
  constructor(reason: string) {
    super(
      'CLIENT_CERTIFICATE_INVALID',
      `The client certificate is not acceptable: ${reason}.`,
      { reason },
      {
        vi: `Chứng thư số máy khách không được chấp nhận: ${REASON_VI[reason] ?? 'chứng thư số không vượt qua bước kiểm tra khi thiết lập kết nối TLS'} (mã lỗi ${reason}).`,
      },
    );
  }
}

export class ClientCertificateWithoutAgencyError extends UnauthenticatedError {
  constructor(subject: string) {
    super(
      'CLIENT_CERTIFICATE_NO_AGENCY_CODE',
      'The client certificate carries no valid agency code (mã định danh) in its subject.',
      { subject },
      { vi: 'Chứng thư số của máy khách không chứa mã định danh hợp lệ của cơ quan, tổ chức.' },
    );
  }
}

export class AgencyNotRegisteredError extends ForbiddenError {
  constructor(agencyCode: string) {
    super(
      'AGENCY_NOT_REGISTERED',
      `Agency ${agencyCode} is not registered on the axis.`,
      { agencyCode },
      { vi: `Cơ quan, tổ chức ${agencyCode} chưa được đăng ký trên trục liên thông văn bản.` },
    );
  }
}

/** A valid certificate of the dedicated CA that the directory does not list for any agency. */
export class ClientCertificateNotRegisteredError extends ForbiddenError {
  constructor(agencyCode: string, fingerprint: string) {
    super(
      'CLIENT_CERTIFICATE_NOT_REGISTERED',
      `This client certificate is not registered for agency ${agencyCode}; ask the axis administrator to register it.`,
      { agencyCode, fingerprint },
      {
        vi: `Chứng thư số này chưa được đăng ký cho cơ quan, tổ chức ${agencyCode}; đề nghị liên hệ quản trị viên trục để đăng ký.`,
      },
    );
  }
}

export class ClientCertificateRetiredError extends ForbiddenError {
  constructor(agencyCode: string, fingerprint: string) {
    super(
      'CLIENT_CERTIFICATE_RETIRED',
      `This client certificate of agency ${agencyCode} was retired; use its replacement.`,
      { agencyCode, fingerprint },
      {
        vi: `Chứng thư số này của cơ quan, tổ chức ${agencyCode} đã ngừng sử dụng; đề nghị dùng chứng thư số thay thế.`,
      },
    );
  }
}

export class AgencySuspendedError extends ForbiddenError {
  constructor(agencyCode: string) {
    super(
      'AGENCY_SUSPENDED',
      `Agency ${agencyCode} is suspended and cannot use the axis.`,
      { agencyCode },
      {
        vi: `Cơ quan, tổ chức ${agencyCode} đang bị tạm dừng kết nối và không thể sử dụng trục.`,
      },
    );
  }
}

export class RoleNotGrantedError extends ForbiddenError {
  constructor(required: readonly string[], granted: readonly string[]) {
    super(
      'ROLE_NOT_GRANTED',
      `This route needs one of the roles ${required.join(', ')}; the certificate grants ${granted.join(', ') || 'none'}.`,
      { required, granted },
      {
        vi: `Chức năng này yêu cầu một trong các vai trò ${required.join(', ')}; ${granted.length ? `chứng thư số đang dùng chỉ có vai trò ${granted.join(', ')}` : 'chứng thư số đang dùng không có vai trò nào'}.`,
      },
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
      {
        vi: `Tiêu đề HTTP ${header} chỉ được chấp nhận khi do máy chủ trung gian (proxy) kết thúc TLS đã cấu hình gửi tới; đề nghị kết nối trực tiếp bằng TLS hai chiều.`,
      },
    );
  }
}

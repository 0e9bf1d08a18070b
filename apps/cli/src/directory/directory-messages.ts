import type { CliLanguage } from '../cli-language';

/** An agency as `GET /admin/agencies` answers it. */
export interface AgencyView {
  code: string;
  name: string;
  parentCode: string | null;
  status: string;
}

/** A client certificate registered for an agency. */
export interface CertificateView {
  fingerprint: string;
  roles: string[];
  subject: string;
  notAfter: string;
  status: string;
}

/**
 * Every human-readable line of `docaxis agencies …`, in each language, from the same arguments.
 * Statuses are in words in Vietnamese and as the API names them in English; roles stay as the API
 * names them (they are what `--role` takes).
 */
export interface DirectoryMessages {
  agencyLine: (agency: AgencyView) => string;
  certificateLine: (certificate: CertificateView) => string;
  registered: (line: string) => string;
  revoked: (line: string) => string;
  cannotReadCertificate: (path: string) => string;
  help: DirectoryHelp;
}

/** The help of `docaxis agencies` and its subcommands. */
export interface DirectoryHelp {
  description: string;
  /** The `<code>` argument of every subcommand that names an agency. */
  code: string;
  list: string;
  show: string;
  register: { description: string; name: string; parent: string };
  suspend: string;
  reactivate: string;
  addCert: { description: string; pem: string; role: string };
  revokeCert: { description: string; fingerprint: string };
}

const AGENCY_STATUS_VI: Readonly<Record<string, string>> = {
  active: 'hoạt động',
  suspended: 'tạm ngừng',
};

const CERTIFICATE_STATUS_VI: Readonly<Record<string, string>> = {
  active: 'hiệu lực',
  retired: 'đã thu hồi',
};

const inWords = (words: Readonly<Record<string, string>>, value: string): string =>
  Object.hasOwn(words, value) ? words[value] : value;
const fingerprintPrefix = (c: CertificateView) => `${c.fingerprint.slice(0, 16)}…`;

export const DIRECTORY_MESSAGES: Readonly<Record<CliLanguage, DirectoryMessages>> = {
  vi: {
    agencyLine: (a) =>
      `${a.code.padEnd(16)} ${inWords(AGENCY_STATUS_VI, a.status).padEnd(10)} ${a.name}` +
      (a.parentCode ? ` (trực thuộc ${a.parentCode})` : ''),
    certificateLine: (c) =>
      `  ${fingerprintPrefix(c)}  ${inWords(CERTIFICATE_STATUS_VI, c.status).padEnd(10)} ` +
      `${c.roles.join(',').padEnd(20)} hết hạn ${c.notAfter}  ${c.subject}`,
    registered: (line) => `Đã đăng ký:${line.startsWith(' ') ? '' : ' '}${line}`,
    revoked: (line) => `Đã thu hồi:${line}`,
    cannotReadCertificate: (path) => `không đọc được tệp chứng thư số ${path}`,
    help: {
      description: 'quản trị danh bạ cơ quan (dùng chứng thư số quản trị; kiểm toán viên được xem)',
      code: 'mã định danh của cơ quan',
      list: 'mọi cơ quan, theo mã định danh',
      show: 'một cơ quan và các chứng thư số máy khách của cơ quan đó',
      register: {
        description: 'đăng ký một cơ quan',
        name: 'tên cơ quan',
        parent: 'cơ quan cấp trên (suy ra từ mã định danh nếu không nêu)',
      },
      suspend: 'tạm ngừng một cơ quan: bị từ chối ở mọi nơi cho tới khi hoạt động trở lại',
      reactivate: 'cho một cơ quan đang tạm ngừng hoạt động trở lại',
      addCert: {
        description: 'đăng ký chứng thư số máy khách cho hệ thống hoặc cán bộ của một cơ quan',
        pem: 'chứng thư số, một tệp PEM',
        role: 'agency-system, clerk, auditor hoặc admin',
      },
      revokeCert: {
        description: 'thu hồi ngay một chứng thư số máy khách',
        fingerprint: 'dấu vân tay SHA-256 (dạng hex) của chứng thư số',
      },
    },
  },
  en: {
    agencyLine: (a) =>
      `${a.code.padEnd(16)} ${a.status.padEnd(10)} ${a.name}` +
      (a.parentCode ? ` (under ${a.parentCode})` : ''),
    certificateLine: (c) =>
      `  ${fingerprintPrefix(c)}  ${c.status.padEnd(8)} ${c.roles.join(',').padEnd(20)} ` +
      `until ${c.notAfter}  ${c.subject}`,
    registered: (line) => `Registered:${line.startsWith(' ') ? '' : ' '}${line}`,
    revoked: (line) => `Revoked:${line}`,
    cannotReadCertificate: (path) => `cannot read ${path}`,
    help: {
      description: 'administer the agency directory (admin certificate; auditors may read)',
      code: 'agency code (mã định danh)',
      list: 'every agency, by code',
      show: 'one agency and its client certificates',
      register: {
        description: 'register an agency',
        name: 'agency name',
        parent: 'parent agency (implied by the code when omitted)',
      },
      suspend: 'suspend an agency: refused everywhere until reactivated',
      reactivate: 'reactivate a suspended agency',
      addCert: {
        description: "register a client certificate for an agency's system or staff",
        pem: 'the certificate, a PEM file',
        role: 'agency-system, clerk, auditor or admin',
      },
      revokeCert: {
        description: 'revoke (retire) a client certificate at once',
        fingerprint: 'hex SHA-256 of the certificate',
      },
    },
  },
};

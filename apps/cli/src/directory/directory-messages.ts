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
  },
};

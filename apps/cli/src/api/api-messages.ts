import type { CliLanguage } from '../cli-language';

/** The certificate files `--cert`, `--key` and `--ca` name. */
export type ConnectionFile = 'cert' | 'key' | 'ca';

/** What the CLI itself says about reaching the axis, in each language, from the same arguments. */
export interface ApiMessages {
  /** Appended to an axis refusal that carries the id of its log entry. */
  errorId: (errorId: string) => string;
  /** An error status whose body is not the axis' error body. */
  unexpectedAnswer: string;
  unreachable: (url: string, reason: string) => string;
  cannotReadConnectionFile: (file: ConnectionFile, path: string) => string;
  /** The file reads but holds no PEM certificate (`cert`) or unencrypted private key (`key`). */
  connectionFileNotPem: (file: ConnectionFile, path: string) => string;
  keyNotOfCertificate: (keyPath: string, certPath: string) => string;
  /** The help of the options every command that talks to the axis has. */
  connectionHelp: { url: string; cert: string; key: string; ca: string; json: string };
}

const CONNECTION_FILE_VI: Record<ConnectionFile, string> = {
  cert: 'chứng thư số máy khách (--cert, DOCAXIS_CERT)',
  key: 'khóa bí mật máy khách (--key, DOCAXIS_KEY)',
  ca: 'bộ chứng thư CA (--ca, DOCAXIS_CA)',
};

const CONNECTION_FILE_EN: Record<ConnectionFile, string> = {
  cert: 'client certificate (--cert, DOCAXIS_CERT)',
  key: 'client key (--key, DOCAXIS_KEY)',
  ca: 'CA bundle (--ca, DOCAXIS_CA)',
};

export const API_MESSAGES: Readonly<Record<CliLanguage, ApiMessages>> = {
  vi: {
    errorId: (errorId) => ` (mã lỗi ${errorId})`,
    unexpectedAnswer: 'trục trả lời không như mong đợi',
    unreachable: (url, reason) => `không kết nối được tới trục tại ${url}: ${reason}`,
    cannotReadConnectionFile: (file, path) =>
      `không đọc được ${CONNECTION_FILE_VI[file]} tại ${path}`,
    connectionFileNotPem: (file, path) =>
      `${path} không chứa ${file === 'key' ? 'khóa bí mật dạng PEM (không đặt mật khẩu)' : 'chứng thư số dạng PEM'}: kiểm tra ${CONNECTION_FILE_VI[file]}`,
    keyNotOfCertificate: (keyPath, certPath) =>
      `khóa bí mật ${keyPath} không phải khóa của chứng thư số ${certPath}: --key (DOCAXIS_KEY) và --cert (DOCAXIS_CERT) phải là một cặp`,
    connectionHelp: {
      url: 'địa chỉ URL của trục (biến môi trường DOCAXIS_URL)',
      cert: 'chứng thư số máy khách, tệp PEM (biến môi trường DOCAXIS_CERT)',
      key: 'khóa bí mật máy khách, tệp PEM (biến môi trường DOCAXIS_KEY)',
      ca: 'bộ chứng thư CA dùng để kiểm tra trục (biến môi trường DOCAXIS_CA)',
      json: 'in câu trả lời dạng JSON, dùng cho script',
    },
  },
  en: {
    errorId: (errorId) => ` (error id ${errorId})`,
    unexpectedAnswer: 'unexpected answer',
    unreachable: (url, reason) => `cannot reach the axis at ${url}: ${reason}`,
    cannotReadConnectionFile: (file, path) =>
      `cannot read the ${CONNECTION_FILE_EN[file]} at ${path}`,
    connectionFileNotPem: (file, path) =>
      `${path} holds no ${file === 'key' ? 'PEM private key (without a passphrase)' : 'PEM certificate'}: check the ${CONNECTION_FILE_EN[file]}`,
    keyNotOfCertificate: (keyPath, certPath) =>
      `the private key ${keyPath} is not the key of the certificate ${certPath}: --key (DOCAXIS_KEY) and --cert (DOCAXIS_CERT) must be a pair`,
    connectionHelp: {
      url: 'gateway URL (env DOCAXIS_URL)',
      cert: 'client certificate, PEM (env DOCAXIS_CERT)',
      key: 'client private key, PEM (env DOCAXIS_KEY)',
      ca: 'CA bundle the gateway is checked against (env DOCAXIS_CA)',
      json: 'print the JSON answer, for scripts',
    },
  },
};

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
  },
  en: {
    errorId: (errorId) => ` (error id ${errorId})`,
    unexpectedAnswer: 'unexpected answer',
    unreachable: (url, reason) => `cannot reach the axis at ${url}: ${reason}`,
    cannotReadConnectionFile: (file, path) =>
      `cannot read the ${CONNECTION_FILE_EN[file]} at ${path}`,
  },
};

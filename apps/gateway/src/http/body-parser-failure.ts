/**
 * A request body the JSON/urlencoded body parser refused (http-errors shape: `expose`, 4xx
 * `status`, `type`). It is the client's fault, not the axis': mapped to a 4xx with a stable code
 * instead of falling through to a 500. The parser's own message is not echoed (it can quote the
 * body).
 */
export interface BodyParserFailure {
  status: number;
  code: string;
  message: string;
  /** The same, in Vietnamese. */
  messageVi: string;
}

const BY_TYPE: Readonly<Record<string, Omit<BodyParserFailure, 'status'>>> = {
  // Malformed JSON reaches the filter as Nest's BadRequestException (BAD_REQUEST) instead.
  'entity.parse.failed': {
    code: 'BAD_REQUEST',
    message: 'The request body is not valid JSON.',
    messageVi: 'Nội dung yêu cầu không phải là JSON hợp lệ.',
  },
  'entity.too.large': {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than this route accepts.',
    messageVi: 'Nội dung yêu cầu vượt quá dung lượng mà đường dẫn này chấp nhận.',
  },
  'encoding.unsupported': {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request body uses a content encoding the axis does not accept.',
    messageVi:
      'Nội dung yêu cầu dùng kiểu mã hóa nội dung (content encoding) mà trục không chấp nhận.',
  },
  'charset.unsupported': {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request body uses a character set the axis does not accept (use UTF-8).',
    messageVi: 'Nội dung yêu cầu dùng bộ mã ký tự mà trục không chấp nhận (hãy dùng UTF-8).',
  },
};

const UNREADABLE: Omit<BodyParserFailure, 'status'> = {
  code: 'BAD_REQUEST',
  message: 'The request body cannot be read.',
  messageVi: 'Không đọc được nội dung yêu cầu.',
};

export function bodyParserFailureOf(exception: unknown): BodyParserFailure | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status, expose } = exception as {
    type?: unknown;
    status?: unknown;
    expose?: unknown;
  };
  if (typeof type !== 'string' || typeof status !== 'number' || expose !== true) return undefined;
  if (status < 400 || status > 499) return undefined;
  return {
    status,
    ...(BY_TYPE[type] ?? UNREADABLE),
  };
}

import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

/** Error codes per HTTP status that one route may answer with. */
export type ErrorCodesByStatus = Readonly<Partial<Record<number, readonly string[]>>>;

/**
 * What the client-certificate guard may refuse on every authenticated route, and the per-agency
 * rate limit in front of it.
 */
export const AUTHENTICATION_ERRORS: ErrorCodesByStatus = {
  401: [
    'CLIENT_CERTIFICATE_REQUIRED',
    'CLIENT_CERTIFICATE_INVALID',
    'CLIENT_CERTIFICATE_NO_AGENCY_CODE',
    'CLIENT_CERTIFICATE_HEADER_UNTRUSTED',
  ],
  403: [
    'AGENCY_NOT_REGISTERED',
    'AGENCY_SUSPENDED',
    'CLIENT_CERTIFICATE_NOT_REGISTERED',
    'CLIENT_CERTIFICATE_RETIRED',
    'ROLE_NOT_GRANTED',
  ],
  429: ['RATE_LIMITED'],
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'No usable client certificate',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with what was already accepted',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Refused by a domain rule',
  429: 'Rate limited',
  503: 'Unavailable for now (a dependency is down, or the axis is too busy); retry later',
};

/** Refusals that may say when to try again. */
const RETRY_AFTER_HEADER = {
  'Retry-After': {
    description: 'Seconds to wait before sending the same request again (when known).',
    schema: { type: 'integer', minimum: 1 },
  },
};
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

const CONTENT_LANGUAGE_HEADER = {
  'Content-Language': {
    description:
      'The language of `error.message`: `vi` by default, `en` on `?lang=en` or `Accept-Language: en` (`Vary: Accept-Language`).',
    schema: { type: 'string', enum: ['vi', 'en'] },
  },
};

/**
 * Documents a route's error answers: for each status the stable codes it may carry, all in the
 * one error body shape. Authenticated routes (the default) also get the guard's 401/403 codes
 * and every route gets the 500 with its `errorId`, so no route has to repeat them.
 */
export function ApiErrorResponses(
  codes: ErrorCodesByStatus,
  options: { authenticated?: boolean } = {},
): MethodDecorator & ClassDecorator {
  const merged = new Map<number, string[]>();
  const add = (byStatus: ErrorCodesByStatus) => {
    for (const [status, list] of Object.entries(byStatus)) {
      const key = Number(status);
      merged.set(key, [...(merged.get(key) ?? []), ...(list ?? [])]);
    }
  };
  if (options.authenticated !== false) add(AUTHENTICATION_ERRORS);
  add(codes);
  merged.set(500, ['INTERNAL_ERROR']);
  const decorators = [...merged.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) =>
      ApiResponse({
        status,
        description: `${STATUS_TEXT[status] ?? 'Internal error'}. Codes: ${list.map((c) => `\`${c}\``).join(', ')}.`,
        headers: {
          ...CONTENT_LANGUAGE_HEADER,
          ...(RETRY_AFTER_STATUSES.has(status) ? RETRY_AFTER_HEADER : {}),
        },
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: getSchemaPath(ErrorBodyDto) },
                {
                  type: 'object',
                  properties: {
                    error: { type: 'object', properties: { code: { type: 'string', enum: list } } },
                  },
                },
              ],
            },
            example: { error: { code: list[0], message: exampleMessage(list[0]) } },
          },
        },
      }),
    );
  return applyDecorators(...decorators);
}

function exampleMessage(code: string | undefined): string {
  return code === 'INTERNAL_ERROR'
    ? 'Trục không hoàn tất được yêu cầu. Dữ liệu đã gửi không bị mất; vui lòng thử lại sau.'
    : `Từ chối: ${code ?? 'xem mã lỗi'}.`;
}

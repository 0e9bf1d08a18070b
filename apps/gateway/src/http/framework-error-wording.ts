import type { HttpException } from '@nestjs/common';
import type { Request } from 'express';
import type { ReportLanguage } from '@docaxis/signature/report/wording/report-wording';

/**
 * The Vietnamese of framework-level errors (no domain code of their own), by status: their
 * English comes from Nest, Express or whoever threw them (e.g. "Cannot GET /x"), the Vietnamese
 * says the same thing in general.
 */
const VI_FOR_STATUS: Readonly<Record<number, string>> = {
  400: 'Yêu cầu không hợp lệ.',
  405: 'Đường dẫn này không chấp nhận phương thức HTTP đã dùng.',
  413: 'Nội dung yêu cầu vượt quá dung lượng cho phép.',
  415: 'Kiểu nội dung của yêu cầu không được chấp nhận.',
  429: 'Có quá nhiều yêu cầu; vui lòng thử lại sau.',
  501: 'Chức năng này chưa được hỗ trợ.',
  502: 'Một dịch vụ phía sau trục trả lời không hợp lệ; vui lòng thử lại sau.',
  503: 'Trục tạm thời không phục vụ được yêu cầu; vui lòng thử lại sau.',
  504: 'Một dịch vụ phía sau trục không trả lời kịp; vui lòng thử lại sau.',
};

/**
 * Nest turns two Express failures into a bare 400 carrying only their message: a body that is
 * not JSON (a SyntaxError from the JSON parser, whose messages all name JSON) and a path with a
 * broken percent-encoding (the router's "Failed to decode param").
 */
function badRequestVi(englishMessage: string): string {
  if (englishMessage.startsWith('Failed to decode param')) {
    return 'Đường dẫn có chuỗi mã hóa phần trăm (%) không hợp lệ.';
  }
  if (/\bJSON\b/.test(englishMessage)) return 'Nội dung yêu cầu không phải là JSON hợp lệ.';
  return VI_FOR_STATUS[400];
}

/** The answer to a route nobody serves (or a listener does not serve), in `language`. */
export function routeNotFoundMessage(
  request: Pick<Request, 'method' | 'path'>,
  language: ReportLanguage,
): string {
  return language === 'en'
    ? `Cannot ${request.method} ${request.path}`
    : `Không tìm thấy đường dẫn ${request.method} ${request.path} trên trục.`;
}

/** A framework error's message in `language`; a status with no wording of its own gets a generic one. */
export function frameworkErrorMessage(
  exception: HttpException,
  request: Pick<Request, 'method' | 'path'>,
  language: ReportLanguage,
): string {
  if (language === 'en') return exception.message;
  const status = exception.getStatus();
  if (status === 404) return routeNotFoundMessage(request, language);
  if (status === 400) return badRequestVi(exception.message);
  return (
    VI_FOR_STATUS[status] ??
    (status < 500
      ? `Yêu cầu không được chấp nhận (HTTP ${status}).`
      : `Trục không hoàn tất được yêu cầu (HTTP ${status}); vui lòng thử lại sau.`)
  );
}

/** What a 500 says: nothing of the failure itself, which only the log holds. */
export const INTERNAL_ERROR_MESSAGE: Readonly<Record<ReportLanguage, string>> = {
  en: 'The axis could not complete the request. Nothing you sent was lost; retry later.',
  vi: 'Trục không hoàn tất được yêu cầu. Dữ liệu đã gửi không bị mất; vui lòng thử lại sau.',
};

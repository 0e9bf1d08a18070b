import { DEFAULT_LANGUAGE, type Language } from '../i18n/language-preference';

/** The error body every /api/v1 route answers with on failure. */
interface ErrorBody {
  error?: { code?: string; message?: string; errorId?: string };
}

/** A refused or failed API call, with the gateway's stable code when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const API_BASE = '/api/v1';

/** The page's language, which the gateway words its answers (errors above all) in. */
let answerLanguage: Language = DEFAULT_LANGUAGE;

/** Set by the language provider whenever the page's language changes. */
export function answerApiCallsIn(language: Language): void {
  answerLanguage = language;
}

async function failure(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy's page, say): keep the status line.
  }
  const code = body.error?.code ?? `HTTP_${response.status}`;
  const id = body.error?.errorId ? ` (${body.error.errorId})` : '';
  return new ApiError(response.status, code, `${body.error?.message ?? response.statusText}${id}`);
}

/**
 * Calls a public /api/v1 route. No token: the browser presents its client certificate on the
 * TLS connection, exactly as an agency system does.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  // A refusal's message is shown as is: ask for it in the page's language (a call that asks
  // for a language of its own, as a PDF report does, keeps it).
  const headers = new Headers(init.headers);
  if (!headers.has('Accept-Language')) headers.set('Accept-Language', answerLanguage);
  const response = await fetch(`${API_BASE}${path}`, {
    credentials: 'same-origin',
    ...init,
    headers,
  });
  if (!response.ok) throw await failure(response);
  return response;
}

export async function apiJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const response = await apiFetch(path, { ...init, headers });
  return (await response.json()) as T;
}

/** Saves a response body as a file the user downloads. */
export async function saveResponse(response: Response, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What to show for a failed call: the gateway's stable code and message, or `fallback`. */
export function describeError(caught: unknown, fallback?: string): string {
  if (caught instanceof ApiError) return `${caught.code}: ${caught.message}`;
  return fallback ?? String(caught);
}

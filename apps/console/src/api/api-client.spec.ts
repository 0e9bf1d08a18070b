import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { en } from '../i18n/messages.en';
import { vi } from '../i18n/messages.vi';
import { answerApiCallsIn, ApiError, apiFetch, apiJson, describeError } from './api-client';

function answer(status: number, body: string, statusText = '', contentType = 'application/json') {
  return jest
    .spyOn(globalThis, 'fetch')
    .mockResolvedValue(
      new Response(body, { status, statusText, headers: { 'Content-Type': contentType } }),
    );
}

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (caught: unknown) => caught,
  );
}

describe('console API client', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('calls /api/v1 with the browser’s credentials, asking for JSON', async () => {
    const fetch = answer(200, '{"items":[]}');
    await expect(apiJson('/dispatches/inbox')).resolves.toEqual({ items: [] });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/dispatches/inbox');
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('Accept')).toBe('application/json');
  });

  it('asks for answers in the page’s language, Vietnamese by default, unless a call asks its own', async () => {
    const fetch = jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation(() => Promise.resolve(new Response('{}', { status: 200 })));
    const languageOf = (call: number) =>
      new Headers((fetch.mock.calls[call] as [string, RequestInit])[1].headers).get(
        'Accept-Language',
      );
    try {
      await apiJson('/me');
      answerApiCallsIn('en');
      await apiJson('/me');
      await apiFetch('/verify', { method: 'POST', headers: { 'Accept-Language': 'vi' } });
      expect([languageOf(0), languageOf(1), languageOf(2)]).toEqual(['vi', 'en', 'vi']);
    } finally {
      answerApiCallsIn('vi');
    }
  });

  it('a 4xx with the gateway’s stable code shows that code and the human message', async () => {
    answer(
      409,
      JSON.stringify({
        error: { code: 'DISPATCH_ALREADY_RECALLED', message: 'Dispatch d-1 was already recalled.' },
      }),
      'Conflict',
    );
    const caught = await failureOf(apiJson('/dispatches/d-1/recall', { method: 'POST' }));
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({
      status: 409,
      code: 'DISPATCH_ALREADY_RECALLED',
      message: 'Dispatch d-1 was already recalled.',
    });
    expect(describeError(caught, vi.errors.network)).toBe(
      'DISPATCH_ALREADY_RECALLED: Dispatch d-1 was already recalled.',
    );
  });

  it('a 5xx names its error id, for the operator to find in the logs', async () => {
    answer(
      500,
      JSON.stringify({
        error: { code: 'INTERNAL_ERROR', message: 'Unexpected error', errorId: 'e-42' },
      }),
    );
    expect(describeError(await failureOf(apiJson('/me')))).toBe(
      'INTERNAL_ERROR: Unexpected error (e-42)',
    );
  });

  it('a body that is not JSON (a proxy’s page) keeps the status line', async () => {
    answer(502, '<html>Bad gateway</html>', 'Bad Gateway', 'text/html');
    const caught = await failureOf(apiJson('/me'));
    expect(caught).toMatchObject({ status: 502, code: 'HTTP_502', message: 'Bad Gateway' });
    expect(describeError(caught)).toBe('HTTP_502: Bad Gateway');
  });

  it('an unreachable axis shows the message of the visitor’s language', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const caught = await failureOf(apiJson('/me'));
    expect(describeError(caught, vi.errors.network)).toBe(vi.errors.network);
    expect(describeError(caught, en.errors.network)).toBe(en.errors.network);
    expect(describeError(caught)).toBe('TypeError: Failed to fetch');
  });
});

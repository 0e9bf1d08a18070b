import type { Response } from 'express';
import { expressRequestWith as requestWith } from '@docaxis/testing/express-request';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { ResponseLanguageInvalidError } from '../http/response-language';
import { DispatchesController } from './dispatches.controller';
import type { DispatchView } from './dtos/dispatch-view';
import type { ReadDispatchUseCase } from './read-dispatch.usecase';

const DISPATCH_ID = '0190f3a0-0000-7000-8000-000000000001';
const agency = { agencyCode: '000.00.00.G22' } as AuthenticatedAgency;

/** The response headers the route sets, recorded. */
function recordingResponse() {
  const headers: Record<string, string> = {};
  const varies: string[] = [];
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    vary: (field: string) => varies.push(field),
  } as unknown as Response;
  return { response, headers, varies };
}

/**
 * GET /dispatches/:id (JSON): which language the rejection's reason is read in, chosen as for
 * POST /verify's report: `?lang` first, then `Accept-Language`, else Vietnamese.
 */
describe('DispatchesController.read, the language of the rejection reason', () => {
  const asked: string[] = [];
  const readDispatch = {
    execute: (_id: string, _agencyCode: string, language: string) => {
      asked.push(language);
      return Promise.resolve({ id: DISPATCH_ID } as DispatchView);
    },
  } as unknown as ReadDispatchUseCase;
  const unused = undefined as never;
  const controller = new DispatchesController(
    unused,
    readDispatch,
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
    unused,
  );

  beforeEach(() => {
    asked.length = 0;
  });

  it.each<[string, Record<string, string>, Record<string, unknown>, 'vi' | 'en']>([
    ['nothing asked', {}, {}, 'vi'],
    ['a language docaxis does not speak', { 'accept-language': 'fr-FR' }, {}, 'vi'],
    ['Accept-Language: en', { 'accept-language': 'en-US,en;q=0.9' }, {}, 'en'],
    ['?lang=en', {}, { lang: 'en' }, 'en'],
    ['?lang=vi over Accept-Language: en', { 'accept-language': 'en' }, { lang: 'vi' }, 'vi'],
  ])('reads in %s', async (_case, headers, query, language) => {
    const { response, headers: sent, varies } = recordingResponse();
    await expect(
      controller.read(agency, DISPATCH_ID, requestWith(headers, query), response),
    ).resolves.toEqual({ id: DISPATCH_ID });
    expect(asked).toEqual([language]);
    expect(sent['content-language']).toBe(language);
    expect(varies).toEqual(['Accept', 'Accept-Language']);
  });

  it('refuses an unsupported ?lang before reading anything', async () => {
    const { response } = recordingResponse();
    await expect(
      controller.read(agency, DISPATCH_ID, requestWith({}, { lang: 'fr' }), response),
    ).rejects.toThrow(ResponseLanguageInvalidError);
    expect(asked).toEqual([]);
  });
});

import { bodyParserFailureOf } from './body-parser-failure';

const parserError = (type: string, status: number) =>
  Object.assign(new Error('Unexpected token } in JSON at position 9: {"secret":'), {
    type,
    status,
    statusCode: status,
    expose: true,
  });

describe('bodyParserFailureOf', () => {
  it.each([
    ['entity.parse.failed', 400, 'BAD_REQUEST'],
    ['entity.too.large', 413, 'PAYLOAD_TOO_LARGE'],
    ['charset.unsupported', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['request.aborted', 400, 'BAD_REQUEST'],
  ])('maps %s to %i %s without echoing the body', (type, status, code) => {
    const failure = bodyParserFailureOf(parserError(type, status));
    expect(failure).toMatchObject({ status, code });
    expect(failure?.message).not.toContain('secret');
  });

  it('leaves anything else to the 500 path', () => {
    expect(bodyParserFailureOf(new Error('boom'))).toBeUndefined();
    expect(bodyParserFailureOf({ type: 'x', status: 500, expose: false })).toBeUndefined();
    expect(bodyParserFailureOf(null)).toBeUndefined();
  });
});

import type { ExecutionContext } from '@nestjs/common';
import express from 'express';
import { lastValueFrom, of } from 'rxjs';
import request from 'supertest';
import type { DomainError } from '@docaxis/errors/domain-error';
import type { GatewayConfig } from '../config/gateway.config';
import { MultipartUploadInterceptor } from '../dispatches/multipart-upload.interceptor';
import { DispatchSubmissionBodyInterceptor } from './dispatch-submission-body.interceptor';
import { edxmlPacketLimitBytes } from './edxml-packet-limit';
import { looksLikeEdxml, prefersEdxml } from './edxml-media-types';

const config = {
  MAX_FILE_BYTES: 3072,
  MAX_ENVELOPE_BYTES: 1024,
  MAX_FILES_PER_DISPATCH: 2,
} as GatewayConfig;

/** An express app whose one route runs the interceptor and answers what it produced. */
function appUnderTest() {
  const interceptor = new DispatchSubmissionBodyInterceptor(
    config,
    new MultipartUploadInterceptor(config),
  );
  const app = express();
  app.post('/', (req, res) => {
    const context = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ExecutionContext;
    interceptor
      .intercept(context, { handle: () => of(req.body as unknown) })
      .then((handled) => lastValueFrom(handled))
      .then(
        (body) => res.json({ bytes: Buffer.isBuffer(body) ? body.toString('utf8') : null }),
        (error: DomainError) => res.status(418).json({ code: error.code }),
      );
  });
  return app;
}

describe('edxmlPacketLimitBytes', () => {
  it('admits one file in base64 plus an envelope', () => {
    expect(edxmlPacketLimitBytes(config)).toBe(4096 + 1024);
  });
});

describe('DispatchSubmissionBodyInterceptor', () => {
  it.each(['application/xml', 'text/xml; charset=utf-8'])('reads a %s body raw', async (type) => {
    const response = await request(appUnderTest())
      .post('/')
      .set('Content-Type', type)
      .send('<edXML/>');
    expect(response.body).toEqual({ bytes: '<edXML/>' });
  });

  it('refuses a packet over the limit → EDXML_TOO_LARGE', async () => {
    const response = await request(appUnderTest())
      .post('/')
      .set('Content-Type', 'application/xml')
      .send(`<edXML>${'A'.repeat(5200)}</edXML>`);
    expect(response.body).toEqual({ code: 'EDXML_TOO_LARGE' });
  });

  it('hands anything else to the multipart interceptor → MULTIPART_INVALID for JSON', async () => {
    const response = await request(appUnderTest())
      .post('/')
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(response.body).toEqual({ code: 'MULTIPART_INVALID' });
  });
});

describe('looksLikeEdxml', () => {
  it.each([
    ['<?xml version="1.0"?><edXML/>', true],
    ['\uFEFF  \n<edXML/>', true],
    ['{"from":{}}', false],
    [undefined, false],
  ])('%j → %s', (field, expected) => {
    expect(looksLikeEdxml(field)).toBe(expected);
  });
});

describe('prefersEdxml', () => {
  const withAccept = (accept: string | undefined) => {
    const app = express();
    app.get('/', (req, res) => res.json({ edxml: prefersEdxml(req) }));
    const test = request(app).get('/');
    return accept === undefined ? test : test.set('Accept', accept);
  };

  it.each([
    [undefined, false],
    ['*/*', false],
    ['application/json', false],
    ['text/html', false],
    ['application/xml', true],
    ['text/xml', true],
    ['application/json;q=0.5, application/xml', true],
  ])('Accept %s → %s', async (accept, expected) => {
    expect((await withAccept(accept)).body).toEqual({ edxml: expected });
  });
});

import type { ExecutionContext } from '@nestjs/common';
import express from 'express';
import { of } from 'rxjs';
import request from 'supertest';
import type { DomainError } from '@docaxis/errors/domain-error';
import type { GatewayConfig } from '../config/gateway.config';
import { edxmlPacketLimitBytes } from '../edxml/edxml-packet-limit';
import { DispatchSubmissionBody } from './dispatch-submission-body';
import { filePartBytes } from './file-pieces-storage';
import { MultipartUploadInterceptor } from './multipart-upload.interceptor';

const config = {
  MAX_FILE_BYTES: 3072,
  MAX_ENVELOPE_BYTES: 1024,
  MAX_FILES_PER_DISPATCH: 2,
} as GatewayConfig;

/** An express app whose one route reads the body and answers what it read. */
function appUnderTest() {
  const submissionBody = new DispatchSubmissionBody(config);
  const app = express();
  app.post('/', (req, res) => {
    submissionBody
      .read(req, res)
      .then(() => req.body as unknown)
      .then(
        (body) =>
          res.json({
            bytes: Buffer.isBuffer(body) ? body.toString('utf8') : null,
            envelope: (body as { envelope?: unknown }).envelope ?? null,
            files: Object.fromEntries(
              Object.entries((req.files ?? {}) as Record<string, Express.Multer.File[]>).map(
                ([field, parts]) => [field, parts.map((part) => part.originalname)],
              ),
            ),
          }),
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

describe('DispatchSubmissionBody', () => {
  it.each(['application/xml', 'text/xml; charset=utf-8'])('reads a %s body raw', async (type) => {
    const response = await request(appUnderTest())
      .post('/')
      .set('Content-Type', type)
      .send('<edXML/>');
    expect(response.body).toMatchObject({ bytes: '<edXML/>' });
  });

  it('refuses a packet over the limit → EDXML_TOO_LARGE', async () => {
    const response = await request(appUnderTest())
      .post('/')
      .set('Content-Type', 'application/xml')
      .send(`<edXML>${'A'.repeat(5200)}</edXML>`);
    expect(response.body).toEqual({ code: 'EDXML_TOO_LARGE' });
  });

  it('hands anything else to the multipart reader → MULTIPART_INVALID for JSON', async () => {
    const response = await request(appUnderTest())
      .post('/')
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(response.body).toEqual({ code: 'MULTIPART_INVALID' });
  });
});

describe('DispatchSubmissionBody: the envelope as a multipart file part', () => {
  const ENVELOPE = '{"documentId":"123/QĐ-VPCP"}';
  const PDF = Buffer.from('%PDF-1.7\n');
  const submit = () => request(appUnderTest()).post('/');

  /** A multipart body written by hand: supertest cannot send a file part with no Content-Type. */
  const handWritten = (parts: readonly { headers: string; bytes: Buffer }[]) =>
    submit()
      .set('Content-Type', 'multipart/form-data; boundary=B')
      .send(
        Buffer.concat([
          ...parts.flatMap(({ headers, bytes }) => [
            Buffer.from(`--B\r\n${headers}\r\n\r\n`),
            bytes,
            Buffer.from('\r\n'),
          ]),
          Buffer.from('--B--\r\n'),
        ]),
      );
  const envelopePart = (bytes: Buffer, contentType?: string) => ({
    headers:
      'Content-Disposition: form-data; name="envelope"; filename="envelope.json"' +
      (contentType === undefined ? '' : `\r\nContent-Type: ${contentType}`),
    bytes,
  });

  it.each([
    'application/octet-stream', // curl -F envelope=@envelope.json
    'application/json',
    'application/json; charset=UTF-8',
    'text/plain',
  ])('takes a %s file part as the envelope, as UTF-8 text', async (contentType) => {
    const response = await submit()
      .attach('envelope', Buffer.from(ENVELOPE), { filename: 'envelope.json', contentType })
      .attach('files', PDF, 'a.pdf');
    expect(response.body).toEqual({ bytes: null, envelope: ENVELOPE, files: { files: ['a.pdf'] } });
  });

  it('takes a file part with no Content-Type, and drops a UTF-8 byte order mark', async () => {
    const response = await handWritten([
      envelopePart(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ENVELOPE)])),
    ]);
    expect(response.body).toMatchObject({ envelope: ENVELOPE });
  });

  it('still takes the text field', async () => {
    const response = await submit().field('envelope', ENVELOPE).attach('files', PDF, 'a.pdf');
    expect(response.body).toMatchObject({ envelope: ENVELOPE, files: { files: ['a.pdf'] } });
  });

  it('admits as many PDFs beside an envelope file part as beside the text field', async () => {
    const response = await submit()
      .attach('envelope', Buffer.from(ENVELOPE), 'envelope.json')
      .attach('files', PDF, 'a.pdf')
      .attach('files', PDF, 'b.pdf');
    expect(response.body).toMatchObject({
      envelope: ENVELOPE,
      files: { files: ['a.pdf', 'b.pdf'] },
    });
    const tooMany = await submit()
      .attach('envelope', Buffer.from(ENVELOPE), 'envelope.json')
      .attach('files', PDF, 'a.pdf')
      .attach('files', PDF, 'b.pdf')
      .attach('files', PDF, 'c.pdf');
    expect(tooMany.body).toEqual({ code: 'TOO_MANY_FILES' });
  });

  it('holds the file part to the envelope limit, not the file limit → ENVELOPE_TOO_LARGE', async () => {
    const big = Buffer.from(`{"padding":"${'x'.repeat(config.MAX_ENVELOPE_BYTES)}"}`);
    expect(big.length).toBeLessThan(config.MAX_FILE_BYTES);
    const response = await submit().attach('envelope', big, 'envelope.json');
    expect(response.body).toEqual({ code: 'ENVELOPE_TOO_LARGE' });
  });

  it('refuses bytes that are not UTF-8 → ENVELOPE_NOT_JSON', async () => {
    const response = await handWritten([
      envelopePart(Buffer.from('{"subject":"Quy\xe9t \xf0\x28"}', 'latin1'), 'application/json'),
    ]);
    expect(response.body).toEqual({ code: 'ENVELOPE_NOT_JSON' });
  });

  it.each(['image/png', 'application/pdf'])(
    'refuses a file part declared %s → ENVELOPE_MEDIA_TYPE_UNSUPPORTED',
    async (contentType) => {
      const response = await handWritten([envelopePart(Buffer.from(ENVELOPE), contentType)]);
      expect(response.body).toEqual({ code: 'ENVELOPE_MEDIA_TYPE_UNSUPPORTED' });
    },
  );

  it.each([
    [
      'a text field and a file part',
      () =>
        submit().field('envelope', ENVELOPE).attach('envelope', Buffer.from(ENVELOPE), 'e.json'),
    ],
    [
      'two file parts',
      () =>
        submit()
          .attach('envelope', Buffer.from(ENVELOPE), 'a.json')
          .attach('envelope', Buffer.from(ENVELOPE), 'b.json'),
    ],
    ['two text fields', () => submit().field('envelope', ENVELOPE).field('envelope', ENVELOPE)],
  ])('refuses two envelopes (%s) → ENVELOPE_DUPLICATE', async (_, send) => {
    expect((await send()).body).toEqual({ code: 'ENVELOPE_DUPLICATE' });
  });

  it('leaves other routes refusing an envelope file part (POST /verify takes only files)', async () => {
    const interceptor = new MultipartUploadInterceptor(config);
    const app = express();
    app.post('/', (req, res) => {
      const context = {
        switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
      } as unknown as ExecutionContext;
      interceptor.intercept(context, { handle: () => of(null) }).then(
        () => res.json({ code: null }),
        (error: DomainError) => res.json({ code: error.code }),
      );
    });
    const response = await request(app)
      .post('/')
      .attach('envelope', Buffer.from(ENVELOPE), 'envelope.json');
    expect(response.body).toEqual({ code: 'MULTIPART_INVALID' });
  });
});

describe('DispatchSubmissionBody: the PDFs as they arrived', () => {
  // Over several of busboy's pieces: the bytes differ from one position to the next.
  const PDF = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)),
  ]);

  /** What each `files` part left: its pieces (not joined) and their bytes in order. */
  function readFileParts(read: (req: express.Request, res: express.Response) => Promise<void>) {
    const app = express();
    app.post('/', (req, res) => {
      read(req, res).then(
        () =>
          res.json(
            ((req.files as Record<string, Express.Multer.File[]>).files ?? []).map((part) => {
              const bytes = filePartBytes(part);
              const whole = Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes);
              return { inPieces: !Buffer.isBuffer(bytes), equal: whole.equals(PDF) };
            }),
          ),
        (error: DomainError) => res.status(418).json({ code: error.code }),
      );
    });
    return request(app).post('/').field('envelope', '{}').attach('files', PDF, 'a.pdf');
  }

  it('keeps them in the pieces the request delivered, byte for byte, unjoined', async () => {
    const body = new DispatchSubmissionBody({ ...config, MAX_FILE_BYTES: 4096 });
    const response = await readFileParts((req, res) => body.read(req, res));
    expect(response.body).toEqual([{ inPieces: true, equal: true }]);
  });

  it('leaves POST /verify its whole Buffer, which the PDF parser reads', async () => {
    const interceptor = new MultipartUploadInterceptor({ ...config, MAX_FILE_BYTES: 4096 });
    const response = await readFileParts((req, res) =>
      interceptor
        .intercept(
          {
            switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
          } as unknown as ExecutionContext,
          { handle: () => of(null) },
        )
        .then(() => undefined),
    );
    expect(response.body).toEqual([{ inPieces: false, equal: true }]);
  });
});

import { request as httpsRequest } from 'node:https';
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import {
  anonymous,
  asAdmin,
  asAgency,
  asClerk,
  withCredential,
  type AgencyClient,
} from '@docaxis/testing/agency-client';
import { issueClientCertificate } from '@docaxis/testing/client-certificates';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { captureLogs, type LogCapture } from '@docaxis/testing/log-capture';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const SENDER = '000.00.00.H41';
const RECIPIENT = '000.00.00.H14';
const SUSPENDED = '000.00.00.H79';
const MAX_FILES = 3;
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_ENVELOPE_BYTES = 16 * 1024;

type Response = request.Response;

interface HostileCase {
  name: string;
  send: () => Promise<Response> | request.Test;
  status: number;
  code: string;
  /** Further checks on the refusal (details, report codes). */
  also?: (response: Response) => void;
}

/** An object stream that inflates to `size` bytes: a flate bomb the PDF parser would expand. */
function flateBombPdf(size: number): Buffer {
  const bomb = deflateSync(Buffer.alloc(size, 0x20), { level: 9 });
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
      'latin1',
    ),
    bomb,
    Buffer.from(
      '\nendstream\nendobj\n2 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF\n',
      'latin1',
    ),
  ]);
}

function nestedPdf(depth: number): Buffer {
  return Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /X ${'['.repeat(depth)}${']'.repeat(depth)} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A small file declaring `count` objects packed in one object stream. */
function manyObjectsPdf(count: number): Buffer {
  const data = deflateSync(Buffer.from('1 0 null'));
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N ${count} /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n', 'latin1'),
  ]);
}

const XXE_PACKET = `<?xml version="1.0"?>
<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><Subject>&xxe;</Subject></edXML>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol4;</edXML>`;

const SQL_ISH = `Robert'); DROP TABLE dispatches; -- ' OR '1'='1`;

/** One GET from the raw HTTPS client, with headers supertest would refuse to send. */
function rawGet(
  axis: RunningAxis,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const credential = axis.pki.agency(SENDER).client;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(`/api/v1${path}`, axis.gatewayUrl),
      {
        ca: axis.pki.server.caBundlePem,
        cert: credential.certPem,
        key: credential.keyPem,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * At least fifty hostile inputs against one running axis. Each must be refused with its own
 * stable code, and right after each one the axis must still serve a valid request with nothing
 * lost: the canary dispatch stays in the recipient's inbox and no refused input left a dispatch.
 */
describe('hostile input: every refusal is specific, and the axis keeps serving with nothing lost', () => {
  let axis: RunningAxis;
  let pdf: Buffer;
  let canaryId: string;
  let acceptedDispatches = 0;

  const sender = () => asAgency(axis, SENDER);
  const submit = (
    client: AgencyClient,
    envelope: unknown,
    files = [{ name: 'a.pdf', bytes: pdf }],
  ) => attachDispatch(client.post('/dispatches'), envelope, files);
  const valid = (overrides: Parameters<typeof envelopeJson>[2] = {}) =>
    envelopeJson(SENDER, [RECIPIENT], overrides);

  let logs: LogCapture;

  beforeAll(async () => {
    // Every app logs in full while hostile input flows, and all of it is scanned at the end.
    logs = captureLogs();
    axis = await startAxis('hostile', {
      LOG_LEVEL: 'debug',
      MAX_FILES_PER_DISPATCH: String(MAX_FILES),
      MAX_FILE_BYTES: String(MAX_FILE_BYTES),
      MAX_ENVELOPE_BYTES: String(MAX_ENVELOPE_BYTES),
    });
    pdf = await signedDispatchPdf(axis.pki, SENDER, {
      unsigned: { title: 'Công văn chim hoàng yến', lines: ['Văn bản hợp lệ'] },
    });
    const canary = await submit(sender(), valid());
    expect(canary.status).toBe(202);
    canaryId = canary.body.dispatchId;
    acceptedDispatches = 1;
    await waitFor(
      async () => (await sender().get(`/dispatches/${canaryId}`)).body,
      (body) => body.recipients?.[0]?.state === 'delivered',
      'the canary delivered',
    );
    await asAdmin(axis)
      .post('/admin/agencies')
      .send({ code: SUSPENDED, name: 'Cơ quan bị tạm ngừng' })
      .expect(201);
    const credential = await issueClientCertificate(axis.pki, { agencyCode: SUSPENDED });
    await asAdmin(axis)
      .post(`/admin/agencies/${SUSPENDED}/certificates`)
      .send({ certificatePem: credential.certPem, roles: ['agency-system'] })
      .expect(201);
    suspendedCredential = credential;
    await asAdmin(axis).post(`/admin/agencies/${SUSPENDED}/suspend`).send().expect(200);
  });

  let suspendedCredential: Awaited<ReturnType<typeof issueClientCertificate>>;

  afterAll(async () => {
    await axis?.stop();
    logs?.stop();
  });

  /** The next valid request is served and nothing was lost or added. */
  async function stillServing(): Promise<void> {
    const inbox = await asAgency(axis, RECIPIENT).get('/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { dispatchId: string }) => i.dispatchId)).toContain(canaryId);
    const [{ count }] = await axis.db.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM dispatches',
    );
    expect(count).toBe(acceptedDispatches);
  }

  const envelopeCase = (
    name: string,
    envelope: unknown,
    status: number,
    code: string,
    issue?: string,
  ): HostileCase => ({
    name,
    send: () => submit(sender(), envelope),
    status,
    code,
    also: issue
      ? (response) =>
          expect(
            (response.body.error.details.issues as { code: string }[]).map((i) => i.code),
          ).toContain(issue)
      : undefined,
  });

  const verifyCase = (name: string, bytes: Buffer, messageCode: string): HostileCase => ({
    name,
    send: () => asClerk(axis, SENDER).post('/verify').attach('files', bytes, 'hostile.pdf'),
    status: 200,
    code: 'TOTAL-FAILED',
    also: (response) => {
      const report = response.body.reports[0];
      expect(report.subIndication).toBe('FORMAT_FAILURE');
      expect(report.messages.map((m: { code: string }) => m.code)).toContain(messageCode);
    },
  });

  const cases = (): HostileCase[] => [
    // Multipart and bodies
    {
      name: 'multipart without a boundary',
      send: () => sender().post('/dispatches').set('Content-Type', 'multipart/form-data').send('x'),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    {
      name: 'truncated multipart body',
      send: () =>
        sender()
          .post('/dispatches')
          .set('Content-Type', 'multipart/form-data; boundary=XYZ')
          .send('--XYZ\r\nContent-Disposition: form-data; name="envelope"\r\n\r\n{"a":'),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    {
      name: 'file part under an unexpected field name',
      send: () =>
        sender()
          .post('/dispatches')
          .field('envelope', JSON.stringify(valid()))
          .attach('file', pdf, 'a.pdf'),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    {
      name: 'more files than allowed',
      send: () =>
        submit(
          sender(),
          valid(),
          Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ name: `${i}.pdf`, bytes: pdf })),
        ),
      status: 413,
      code: 'TOO_MANY_FILES',
    },
    {
      name: 'a file over the size limit',
      send: () =>
        submit(sender(), valid(), [
          { name: 'big.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(MAX_FILE_BYTES)]) },
        ]),
      status: 413,
      code: 'FILE_TOO_LARGE',
    },
    {
      name: 'an envelope over the size limit',
      send: () => submit(sender(), { ...valid(), padding: 'x'.repeat(MAX_ENVELOPE_BYTES) }),
      status: 413,
      code: 'ENVELOPE_TOO_LARGE',
    },
    {
      name: 'no envelope',
      send: () => sender().post('/dispatches').attach('files', pdf, 'a.pdf'),
      status: 400,
      code: 'ENVELOPE_MISSING',
    },
    envelopeCase('envelope that is not JSON', '{"from": ', 400, 'ENVELOPE_NOT_JSON'),
    envelopeCase(
      'envelope nested 100 000 levels deep',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`.slice(0, MAX_ENVELOPE_BYTES - 1),
      400,
      'ENVELOPE_NOT_JSON',
    ),
    envelopeCase('envelope that is a JSON array', '[]', 400, 'ENVELOPE_INVALID'),
    envelopeCase('envelope that is JSON null', 'null', 400, 'ENVELOPE_INVALID'),
    {
      name: 'no files',
      send: () => sender().post('/dispatches').field('envelope', JSON.stringify(valid())),
      status: 400,
      code: 'FILES_MISSING',
    },
    {
      name: 'a PNG posing as a PDF',
      send: () =>
        submit(sender(), valid(), [
          { name: 'a.pdf', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
        ]),
      status: 415,
      code: 'FILE_NOT_PDF',
    },
    {
      name: 'a JSON body instead of multipart',
      send: () => sender().post('/dispatches').send({ envelope: valid() }),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    {
      name: 'a text/plain body',
      send: () => sender().post('/dispatches').set('Content-Type', 'text/plain').send('hello'),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    // XML
    {
      name: 'XXE: an external entity in an edXML packet',
      send: () =>
        sender().post('/dispatches').set('Content-Type', 'application/xml').send(XXE_PACKET),
      status: 400,
      code: 'EDXML_DOCTYPE_FORBIDDEN',
    },
    {
      name: 'billion laughs in an edXML packet',
      send: () =>
        sender().post('/dispatches').set('Content-Type', 'application/xml').send(BILLION_LAUGHS),
      status: 400,
      code: 'EDXML_DOCTYPE_FORBIDDEN',
    },
    {
      name: 'XXE inside the multipart envelope field',
      send: () => submit(sender(), XXE_PACKET),
      status: 400,
      code: 'EDXML_DOCTYPE_FORBIDDEN',
    },
    {
      name: 'malformed XML',
      send: () =>
        sender()
          .post('/dispatches')
          .set('Content-Type', 'application/xml')
          .send('<edXML><unclosed></edXML>'),
      status: 400,
      code: 'EDXML_MALFORMED',
    },
    {
      // Deeper would be refused as EDXML_MARKUP_TOO_LARGE first (16 KiB of markup here).
      name: 'XML nested 1 000 elements deep',
      send: () =>
        sender()
          .post('/dispatches')
          .set('Content-Type', 'application/xml')
          .send(`<edXML>${'<a>'.repeat(1_000)}${'</a>'.repeat(1_000)}</edXML>`),
      status: 400,
      code: 'EDXML_TOO_DEEP',
    },
    {
      // Text the parser would walk character by character: refused for its size before parsing.
      name: 'edXML packet with more markup than MAX_ENVELOPE_BYTES outside base64',
      send: () =>
        sender()
          .post('/dispatches')
          .set('Content-Type', 'application/xml')
          .send(
            `<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><Subject>${'Đề nghị phản hồi. '.repeat(4_000)}</Subject></edXML>`,
          ),
      status: 413,
      code: 'EDXML_MARKUP_TOO_LARGE',
      also: (response) =>
        expect(response.body.error.details).toEqual({
          size: expect.any(Number),
          maxMarkupBytes: MAX_ENVELOPE_BYTES,
        }),
    },
    // Who sends, to whom
    envelopeCase(
      'forged sender in the envelope',
      envelopeJson(RECIPIENT, [SENDER]),
      403,
      'SENDER_MISMATCH',
    ),
    envelopeCase(
      'secret document (Mật)',
      valid({ confidentiality: 'confidential' }),
      422,
      'CONFIDENTIAL_DOCUMENT_REFUSED',
    ),
    envelopeCase(
      'unknown recipient',
      envelopeJson(SENDER, ['000.00.00.H98']),
      422,
      'RECIPIENT_UNKNOWN',
    ),
    envelopeCase(
      'suspended recipient',
      envelopeJson(SENDER, [SUSPENDED]),
      422,
      'RECIPIENT_SUSPENDED',
    ),
    // Unicode tricks in agency codes
    ...[
      ['Cyrillic Н', '000.00.00.Н14'],
      ['full-width digits', '０００.00.00.H14'],
      ['zero-width space', '000.00.00.\u200bH14'],
      ['right-to-left override', '000.00.00.\u202eH14'],
      ['lower case', '000.00.00.h14'],
      ['combining mark', '000.00.00.H1\u03014'],
      ['NUL byte', '000.00.00.H14\u0000'],
    ].map(([trick, code]) =>
      envelopeCase(
        `recipient code with ${trick}`,
        envelopeJson(SENDER, [code]),
        400,
        'ENVELOPE_INVALID',
        'AGENCY_CODE_INVALID',
      ),
    ),
    envelopeCase(
      'sender code with a Cyrillic look-alike',
      envelopeJson('000.00.00.Н41', [RECIPIENT]),
      400,
      'ENVELOPE_INVALID',
      'AGENCY_CODE_INVALID',
    ),
    // Field contents
    envelopeCase(
      'subject over 500 characters',
      valid({ subject: 'x'.repeat(501) }),
      400,
      'ENVELOPE_INVALID',
      'FIELD_TOO_LONG',
    ),
    envelopeCase(
      'control characters in the subject',
      valid({ subject: 'V/v \u0000\u0007 thử' }),
      400,
      'ENVELOPE_INVALID',
      'TEXT_CHARACTER_INVALID',
    ),
    envelopeCase(
      'bidi override in the signer name',
      valid({ signerInfo: { competence: 'KT', position: 'PCN', fullName: 'A\u202eB' } }),
      400,
      'ENVELOPE_INVALID',
      'TEXT_CHARACTER_INVALID',
    ),
    envelopeCase(
      'more than 1000 recipients',
      envelopeJson(
        SENDER,
        Array.from({ length: 1001 }, (_, i) => `000.00.${String(i % 100).padStart(2, '0')}.H14`),
      ),
      413,
      'ENVELOPE_TOO_LARGE',
    ),
    envelopeCase(
      'duplicate recipients',
      envelopeJson(SENDER, [RECIPIENT, RECIPIENT]),
      400,
      'ENVELOPE_INVALID',
    ),
    envelopeCase(
      '__proto__ pollution attempt',
      `{"__proto__": {"admin": true}, ${JSON.stringify(valid()).slice(1)}`,
      400,
      'ENVELOPE_INVALID',
    ),
    envelopeCase(
      'a number where text belongs',
      valid({ subject: 42 as never }),
      400,
      'ENVELOPE_INVALID',
    ),
    // Replays and keys
    {
      name: 'Idempotency-Key with spaces and SQL',
      send: () => submit(sender(), valid()).set('Idempotency-Key', `k' OR 1=1 --`),
      status: 400,
      code: 'IDEMPOTENCY_KEY_INVALID',
    },
    {
      name: 'Idempotency-Key over 128 characters',
      send: () => submit(sender(), valid()).set('Idempotency-Key', 'k'.repeat(129)),
      status: 400,
      code: 'IDEMPOTENCY_KEY_INVALID',
    },
    {
      name: 'replay of the canary number (same number and notation twice a year)',
      send: async () => {
        const canary = await sender().get(`/dispatches/${canaryId}`);
        return submit(sender(), valid({ code: canary.body.envelope.code }));
      },
      status: 409,
      code: 'DISPATCH_NUMBER_DUPLICATE',
    },
    // Certificates and agencies
    {
      name: 'no client certificate',
      send: () => anonymous(axis).get('/inbox'),
      status: 401,
      code: 'CLIENT_CERTIFICATE_REQUIRED',
    },
    {
      name: 'expired client certificate',
      send: () => withCredential(axis, axis.pki.special('expired-client')).get('/inbox'),
      status: 401,
      code: 'CLIENT_CERTIFICATE_INVALID',
    },
    {
      name: 'revoked client certificate',
      send: () => withCredential(axis, axis.pki.special('revoked-client')).get('/inbox'),
      status: 401,
      code: 'CLIENT_CERTIFICATE_INVALID',
    },
    {
      name: 'certificate of a foreign CA',
      send: () => withCredential(axis, axis.pki.special('rogue-organization')).get('/inbox'),
      status: 401,
      code: 'CLIENT_CERTIFICATE_INVALID',
    },
    {
      name: 'certificate whose agency code uses a Cyrillic look-alike',
      send: async () =>
        withCredential(
          axis,
          await issueClientCertificate(axis.pki, { agencyCode: '000.00.00.Н41' }),
        ).get('/inbox'),
      status: 401,
      code: 'CLIENT_CERTIFICATE_NO_AGENCY_CODE',
    },
    {
      name: 'certificate whose agency code hides a zero-width space',
      send: async () =>
        withCredential(
          axis,
          await issueClientCertificate(axis.pki, { agencyCode: '000.00.00.H\u200b41' }),
        ).get('/inbox'),
      status: 401,
      code: 'CLIENT_CERTIFICATE_NO_AGENCY_CODE',
    },
    {
      name: 'valid certificate of the dedicated CA, never registered',
      send: async () =>
        withCredential(axis, await issueClientCertificate(axis.pki, { agencyCode: SENDER })).get(
          '/inbox',
        ),
      status: 403,
      code: 'CLIENT_CERTIFICATE_NOT_REGISTERED',
    },
    {
      name: 'suspended agency sends',
      send: () =>
        submit(withCredential(axis, suspendedCredential), envelopeJson(SUSPENDED, [SENDER])),
      status: 403,
      code: 'AGENCY_SUSPENDED',
    },
    {
      name: 'agency system calls an admin route',
      send: () => sender().post(`/admin/agencies/${RECIPIENT}/suspend`).send(),
      status: 403,
      code: 'ROLE_NOT_GRANTED',
    },
    // SQL-ish and traversal strings where identifiers go
    {
      name: 'SQL in a dispatch id',
      send: () => sender().get(`/dispatches/${encodeURIComponent(`' OR 1=1 --`)}`),
      status: 404,
      code: 'DISPATCH_NOT_FOUND',
    },
    {
      name: 'path traversal in a file id',
      send: () => sender().get(`/dispatches/${canaryId}/files/..%2F..%2F..%2Fetc%2Fpasswd`),
      status: 404,
      code: 'FILE_NOT_FOUND',
    },
    {
      name: 'SQL in the inbox cursor',
      send: () =>
        asAgency(axis, RECIPIENT).get(
          `/inbox?cursor=${encodeURIComponent(`1; DELETE FROM dispatches`)}`,
        ),
      status: 400,
      code: 'CURSOR_INVALID',
    },
    {
      name: 'absurd inbox limit',
      send: () => asAgency(axis, RECIPIENT).get('/inbox?limit=1e309'),
      status: 400,
      code: 'LIMIT_INVALID',
    },
    {
      name: 'SQL in an agency code of the admin API',
      send: () =>
        asAdmin(axis)
          .post('/admin/agencies')
          .send({ code: `000'; DROP TABLE agencies; --`, name: 'x' }),
      status: 400,
      code: 'AGENCY_CODE_INVALID',
    },
    {
      name: 'malformed JSON to the admin API',
      send: () =>
        asAdmin(axis)
          .post('/admin/agencies')
          .set('Content-Type', 'application/json')
          .send('{"code":'),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'oversized JSON to the admin API',
      send: () =>
        asAdmin(axis)
          .post('/admin/agencies')
          .send({ code: '000.00.00.H60', name: 'x', pad: 'x'.repeat(2 * 1024 * 1024) }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'broken percent-encoding in the path',
      send: () => sender().get('/dispatches/%E0%A4%A'),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'a method the route does not have',
      send: () => sender().put('/dispatches').send(),
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    },
    // PDFs built to exhaust the parser (checked synchronously through /verify)
    verifyCase(
      'flate bomb in an object stream (1 GB)',
      flateBombPdf(1024 * 1024 * 1024),
      'PDF_STREAM_TOO_LARGE',
    ),
    verifyCase('arrays nested 50 000 deep', nestedPdf(50_000), 'PDF_NESTING_TOO_DEEP'),
    verifyCase('300 000 objects', manyObjectsPdf(300_000), 'PDF_TOO_MANY_OBJECTS'),
    verifyCase('not a PDF at all', Buffer.from('MZ\x90\x00 definitely not a pdf'), 'PDF_NOT_A_PDF'),
  ];

  it('has at least fifty cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases().map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const response = await hostile.send();
    const code = response.body?.error?.code ?? response.body?.reports?.[0]?.indication;
    expect({ status: response.status, code }).toEqual({
      status: hostile.status,
      code: hostile.code,
    });
    hostile.also?.(response);
    await stillServing();
  });

  it('a flate bomb inside a dispatched PDF is rejected after acceptance, and other dispatches still flow', async () => {
    const bomb = await submit(sender(), valid(), [
      { name: 'bomb.pdf', bytes: flateBombPdf(512 * 1024 * 1024) },
    ]);
    expect(bomb.status).toBe(202);
    acceptedDispatches += 1;
    const nested = await submit(sender(), valid(), [
      { name: 'nested.pdf', bytes: nestedPdf(20_000) },
    ]);
    expect(nested.status).toBe(202);
    acceptedDispatches += 1;
    const after = await submit(sender(), valid());
    expect(after.status).toBe(202);
    acceptedDispatches += 1;
    for (const id of [bomb.body.dispatchId, nested.body.dispatchId]) {
      const view = await waitFor(
        async () => (await sender().get(`/dispatches/${id}`)).body,
        (body) => body.state === 'rejected',
        'the hostile PDF rejected',
        60_000,
      );
      expect(view.rejection.code).toBe('PDF_MALFORMED');
    }
    await waitFor(
      async () => (await sender().get(`/dispatches/${after.body.dispatchId}`)).body,
      (body) => body.recipients?.[0]?.state === 'delivered',
      'the next valid dispatch delivered',
      60_000,
    );
    await stillServing();
    // Three waits of up to 60 s each (two hostile PDFs verified, one dispatch delivered).
  }, 240_000);

  it('SQL-ish text in every text field is stored and served verbatim, as data', async () => {
    const envelope = valid({
      subject: SQL_ISH,
      content: SQL_ISH,
      signerInfo: {
        competence: SQL_ISH.slice(0, 90),
        position: SQL_ISH.slice(0, 90),
        fullName: SQL_ISH.slice(0, 90),
      },
      promulgationInfo: { place: SQL_ISH.slice(0, 90), promulgationDate: '2026-11-20' },
    });
    const response = await submit(sender(), envelope).set('Idempotency-Key', 'sql-ish-1');
    expect(response.status).toBe(202);
    acceptedDispatches += 1;
    const view = await sender().get(`/dispatches/${response.body.dispatchId}`);
    expect(view.body.envelope.subject).toBe(SQL_ISH);
    expect(view.body.envelope.signerInfo.fullName).toBe(SQL_ISH.slice(0, 90).trim());
    // The replay returns the original, never a second dispatch.
    const replay = await submit(sender(), envelope).set('Idempotency-Key', 'sql-ish-1');
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ dispatchId: response.body.dispatchId, replayed: true });
    const reused = await submit(sender(), valid()).set('Idempotency-Key', 'sql-ish-1');
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await stillServing();
  });

  it('headers too large for the HTTP parser get 431, and the next request is served', async () => {
    const response = await rawGet(axis, '/inbox', { 'X-Padding': 'x'.repeat(64 * 1024) });
    expect(response.status).toBe(431);
    await stillServing();
  });

  it('logged no private key, password, document bytes or envelope text along the way', () => {
    const text = logs.text();
    // The capture works: the apps did log (requests at info, refusals, the 431).
    expect(text).toContain('"name":"gateway"');
    const keyBody = (pem: string) =>
      pem.split('\n').find((line) => /^[A-Za-z0-9+/]{40,}/.test(line))!;
    const forbidden: [string, RegExp | string][] = [
      ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
      ["the sender's client key", keyBody(axis.pki.agency(SENDER).client.keyPem)],
      ["the admin's client key", keyBody(axis.pki.operator('admin').keyPem)],
      ['the AMQP password', /guest:guest@/],
      ['a password field', /"password"\s*:\s*"[^"[]/i],
      ['raw PDF bytes', '%PDF-'],
      ['base64 PDF bytes', 'JVBERi0'],
      ['an envelope subject', 'thử nghiệm gửi, nhận văn bản'],
      ['SQL-ish envelope text', 'DROP TABLE dispatches'],
    ];
    const found = forbidden
      .filter(([, pattern]) =>
        typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text),
      )
      .map(([what]) => what);
    expect(found).toEqual([]);
  });
});

import { Agent, request as httpsRequest } from 'node:https';
import { issueClientCertificate, registerDirectly } from '@docaxis/testing/client-certificates';
import {
  anonymous,
  asAdmin,
  asAgency,
  asAuditor,
  asClerk,
  withCredential,
} from '@docaxis/testing/agency-client';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

const A = '000.00.00.H41';
const OPERATOR = '000.00.00.G22';

/**
 * Who gets in: a certificate of the dedicated CA is not enough; it must be registered in the
 * directory, active, for an active agency, and it grants the roles of its registration.
 * The cache is off here so that direct database changes take effect at once.
 */
describe('authentication from registered client certificates', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('authn', { AUTH_CACHE_TTL_MS: '0' });
  });

  afterAll(async () => {
    await axis?.stop();
  });

  const code = (response: { body: { error?: { code: string } } }) => response.body.error?.code;

  it('admits each seeded certificate with the roles registered for it', async () => {
    expect((await asAgency(axis, A).get('/inbox')).status).toBe(200);
    // A clerk reads the agency's inbox (from the console) but does not send for it.
    expect((await asClerk(axis, A).get('/inbox')).status).toBe(200);
    const clerkSends = await asClerk(axis, A).post('/dispatches');
    expect(clerkSends.status).toBe(403);
    expect(code(clerkSends)).toBe('ROLE_NOT_GRANTED');
    expect(clerkSends.body.error.details.granted).toEqual(['clerk']);
    expect(code(await asClerk(axis, A).post('/verify').field('note', 'x'))).toBe('FILES_MISSING');
    for (const operator of [asAuditor(axis), asAdmin(axis)]) {
      const response = await operator.get('/inbox');
      expect(response.status).toBe(403);
      expect(code(response)).toBe('ROLE_NOT_GRANTED');
    }
    expect(code(await asAuditor(axis).post('/verify').field('note', 'x'))).toBe('FILES_MISSING');
  });

  it('refuses a valid certificate of the dedicated CA that is not registered', async () => {
    const unregistered = await issueClientCertificate(axis.pki, { agencyCode: A });
    const response = await withCredential(axis, unregistered).get('/inbox');
    expect(response.status).toBe(403);
    expect(code(response)).toBe('CLIENT_CERTIFICATE_NOT_REGISTERED');
    expect(response.body.error.details.fingerprint).toBe(
      unregistered.sha256Fingerprint.toLowerCase(),
    );
  });

  it('refuses a certificate naming an agency the directory does not know', async () => {
    const stranger = await issueClientCertificate(axis.pki, { agencyCode: '000.00.00.H99' });
    expect(code(await withCredential(axis, stranger).get('/inbox'))).toBe('AGENCY_NOT_REGISTERED');
  });

  it('refuses a certificate registered for another agency than its subject names', async () => {
    const misfiled = await issueClientCertificate(axis.pki, { agencyCode: A });
    await registerDirectly(axis, misfiled, '000.00.00.H14', ['agency-system']);
    expect(code(await withCredential(axis, misfiled).get('/inbox'))).toBe(
      'CLIENT_CERTIFICATE_NOT_REGISTERED',
    );
  });

  it('admits a rotated certificate beside the old one, and refuses the old one once retired', async () => {
    const next = await issueClientCertificate(axis.pki, { agencyCode: A });
    await registerDirectly(axis, next, A, ['agency-system']);
    expect((await withCredential(axis, next).get('/inbox')).status).toBe(200);
    expect((await asAgency(axis, A).get('/inbox')).status).toBe(200);
    await axis.db.query(
      `UPDATE agency_certificates SET status = 'retired', retired_at = now() WHERE sha256_fingerprint = $1`,
      [next.sha256Fingerprint.toLowerCase()],
    );
    expect(code(await withCredential(axis, next).get('/inbox'))).toBe('CLIENT_CERTIFICATE_RETIRED');
    expect((await asAgency(axis, A).get('/inbox')).status).toBe(200);
  });

  it('refuses every certificate of a suspended agency, and admits them again on reactivation', async () => {
    const H14 = '000.00.00.H14';
    await axis.db.query(`UPDATE agencies SET status = 'suspended' WHERE code = $1`, [H14]);
    try {
      expect(code(await asAgency(axis, H14).get('/inbox'))).toBe('AGENCY_SUSPENDED');
      expect(code(await asClerk(axis, H14).post('/verify'))).toBe('AGENCY_SUSPENDED');
      expect((await asAgency(axis, A).get('/inbox')).status).toBe(200);
    } finally {
      await axis.db.query(`UPDATE agencies SET status = 'active' WHERE code = $1`, [H14]);
    }
    expect((await asAgency(axis, H14).get('/inbox')).status).toBe(200);
  });

  it('refuses a suspended agency on a connection it had already authenticated on', async () => {
    // The certificate is read once per connection; the directory is still asked every request.
    const H14 = '000.00.00.H14';
    const { certPem, keyPem } = axis.pki.agency(H14).client;
    const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: axis.pki.server.caBundlePem });
    const get = () =>
      new Promise<{ status: number; code?: string; reusedSocket: boolean }>((resolve, reject) => {
        const req = httpsRequest(
          new URL('/api/v1/inbox', axis.gatewayUrl),
          { agent, cert: certPem, key: keyPem },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
                error?: { code: string };
              };
              resolve({
                status: res.statusCode ?? 0,
                code: body.error?.code,
                reusedSocket: req.reusedSocket,
              });
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toMatchObject({ status: 200 });
      await axis.db.query(`UPDATE agencies SET status = 'suspended' WHERE code = $1`, [H14]);
      expect(await get()).toEqual({ status: 403, code: 'AGENCY_SUSPENDED', reusedSocket: true });
      await axis.db.query(`UPDATE agencies SET status = 'active' WHERE code = $1`, [H14]);
      expect(await get()).toMatchObject({ status: 200, reusedSocket: true });
    } finally {
      await axis.db.query(`UPDATE agencies SET status = 'active' WHERE code = $1`, [H14]);
      agent.destroy();
    }
  });

  it('still needs a certificate at all', async () => {
    expect(code(await anonymous(axis).get('/inbox'))).toBe('CLIENT_CERTIFICATE_REQUIRED');
  });

  it('words its refusals in Vietnamese by default and in English on request, and says which', async () => {
    const vietnamese = await asClerk(axis, A).post('/dispatches');
    expect(vietnamese.status).toBe(403);
    expect(vietnamese.headers['content-language']).toBe('vi');
    expect(vietnamese.headers.vary).toMatch(/\bAccept-Language\b/);
    expect(vietnamese.body.error).toMatchObject({
      code: 'ROLE_NOT_GRANTED',
      message: expect.stringContaining('Chức năng này yêu cầu một trong các vai trò'),
      details: { granted: ['clerk'] },
    });

    const asked = await asClerk(axis, A)
      .post('/dispatches')
      .set('Accept-Language', 'en-US, vi;q=0.5');
    expect(asked.headers['content-language']).toBe('en');
    expect(asked.body.error.message).toContain('This route needs one of the roles');
    const byQuery = await asClerk(axis, A).post('/dispatches?lang=en');
    expect(byQuery.body.error).toMatchObject({ code: 'ROLE_NOT_GRANTED' });
    expect(byQuery.body.error.message).toContain('This route needs one of the roles');

    // Framework-level answers too: an unknown route, a body that is not JSON.
    const noRoute = await asAgency(axis, A).get('/no-such-route');
    expect([noRoute.status, noRoute.headers['content-language']]).toEqual([404, 'vi']);
    expect(noRoute.body.error).toEqual({
      code: 'ROUTE_NOT_FOUND',
      message: 'Không tìm thấy đường dẫn GET /api/v1/no-such-route trên trục.',
    });
    const notJson = (language: string) =>
      asAgency(axis, A)
        .post('/inbox/ack')
        .set('Content-Type', 'application/json')
        .set('Accept-Language', language)
        .send('{"dispatchIds": [');
    const english = await notJson('en');
    expect([english.status, english.headers['content-language']]).toEqual([400, 'en']);
    expect(english.body.error.code).toBe('BAD_REQUEST');
    expect(english.body.error.message).toContain('JSON');
    const vietnameseNotJson = await notJson('vi');
    expect(vietnameseNotJson.body.error).toEqual({
      code: 'BAD_REQUEST',
      message: 'Nội dung yêu cầu không phải là JSON hợp lệ.',
    });
  });

  it('registers the operator certificates for the operator agency', async () => {
    const rows: { agency_code: string; roles: string[] }[] = await axis.db.query(
      `SELECT agency_code, roles FROM agency_certificates WHERE sha256_fingerprint = ANY($1)`,
      [
        [axis.pki.operator('auditor'), axis.pki.operator('admin')].map((c) =>
          c.sha256Fingerprint.toLowerCase(),
        ),
      ],
    );
    expect(rows.map((row) => row.agency_code)).toEqual([OPERATOR, OPERATOR]);
    expect(rows.flatMap((row) => row.roles).sort()).toEqual(['admin', 'auditor']);
  });
});

import { renameSync } from 'node:fs';
import request from 'supertest';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency } from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { parsePrometheusText, sampleValue } from '@docaxis/testing/prometheus-text';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22';
const B = '000.00.00.H41';

/** What operators and integrators use around the API: its documentation, health, metrics. */
describe('operations endpoints', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis('ops');
  });

  afterAll(async () => {
    await axis?.stop();
  });

  const get = (path: string) => request(axis.gatewayUrl).get(path).ca(axis.pki.server.caBundlePem);
  type AppName = 'gateway' | keyof RunningAxis['workerUrls'];
  /** GET on an app's management listener (health, metrics; plain HTTP). */
  const management = (app: AppName) => (path: string) =>
    request(app === 'gateway' ? axis.gatewayManagementUrl : axis.workerUrls[app]).get(path);
  /** An app's answer on a path, labelled with the app so a failure says which one. */
  const answerOf = async (target: { app: string; get: typeof get }, path: string) => {
    const response = await target.get(path);
    return { app: target.app, status: response.status, body: response.body.status as unknown };
  };

  it('serves the OpenAPI documentation at /api/docs and the document as JSON', async () => {
    const page = await get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const document = await get('/api/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe('docaxis gateway');
    expect(Object.keys(document.body.paths)).toContain('/api/v1/dispatches/{id}/ack');
  });

  it('serves health and metrics only on the management listener, never on the public API port', async () => {
    const operational = ['/metrics', '/health/live', '/health/ready'];
    // Every spelling Express would route to the same controller, with and without a certificate.
    const spellings = [...operational, '/METRICS', '/metrics/', '/Health/Ready'];
    for (const path of spellings) {
      const publicAnswer = await get(path);
      expect({ path, status: publicAnswer.status, code: publicAnswer.body.error?.code }).toEqual({
        path,
        status: 404,
        code: 'ROUTE_NOT_FOUND',
      });
      // Not even for the axis operator's administrator: the public port has no such route.
      const admin = axis.pki.operator('admin');
      const asOperator = await get(path).key(admin.keyPem).cert(admin.certPem);
      expect({ path, status: asOperator.status }).toEqual({ path, status: 404 });
    }
    expect(axis.gatewayManagementUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of operational) {
      const answer = await management('gateway')(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
    // Nothing else answers there: it asks for no client certificate.
    for (const path of ['/api/v1/inbox', '/api/v1/me', '/api/docs', '/console/', '/']) {
      const answer = await management('gateway')(path);
      expect({ path, status: answer.status, code: answer.body.error?.code }).toEqual({
        path,
        status: 404,
        code: 'ROUTE_NOT_FOUND',
      });
    }
    const post = await request(axis.gatewayManagementUrl).post('/api/v1/dispatches');
    expect(post.status).toBe(404);
    // Worded as every error answer is: Vietnamese unless English is asked for.
    expect([post.headers['content-language'], post.body.error.message]).toEqual([
      'vi',
      'Không tìm thấy đường dẫn POST /api/v1/dispatches trên trục.',
    ]);
    const english = await request(axis.gatewayManagementUrl).get('/api/v1/inbox?lang=en');
    expect([english.headers['content-language'], english.body.error.message]).toEqual([
      'en',
      'Cannot GET /api/v1/inbox',
    ]);
  });

  it('answers /health/live and /health/ready on every app, with the checks each depends on', async () => {
    const targets = [
      { app: 'gateway', get: management('gateway'), checks: ['blobStore', 'trustStore'] },
      { app: 'verifier', get: management('verifier'), checks: ['blobStore', 'trustStore'] },
      { app: 'router', get: management('router'), checks: [] },
      { app: 'audit', get: management('audit'), checks: [] },
      { app: 'notifier', get: management('notifier'), checks: [] },
    ];
    for (const target of targets) {
      expect(await answerOf(target, '/health/live')).toEqual({
        app: target.app,
        status: 200,
        body: 'ok',
      });
      const ready = await target.get('/health/ready');
      expect({ app: target.app, status: ready.status }).toEqual({ app: target.app, status: 200 });
      expect(Object.keys(ready.body.details).sort()).toEqual(
        ['broker', 'database', ...target.checks].sort(),
      );
      expect(ready.body.details.broker).toMatchObject({ status: 'up', connected: true });
      expect(ready.body.details.database).toMatchObject({ status: 'up' });
    }
  });

  it('answers 503 with terminus’ body on the gateway and the verifier when a check fails, and 200 again once it passes', async () => {
    // This axis' own blob store folder (never another spec's), moved away and back.
    const blobDir = axis.env.BLOB_DIR!;
    const movedAway = `${blobDir}.moved`;
    const targets = [
      { app: 'gateway', get: management('gateway') },
      { app: 'verifier', get: management('verifier') },
    ];
    renameSync(blobDir, movedAway);
    try {
      for (const target of targets) {
        const ready = await target.get('/health/ready');
        expect({ app: target.app, status: ready.status }).toEqual({ app: target.app, status: 503 });
        expect(ready.body).toMatchObject({
          status: 'error',
          error: { blobStore: { status: 'down', message: expect.stringContaining('ENOENT') } },
          details: {
            blobStore: { status: 'down' },
            database: { status: 'up' },
            broker: { status: 'up' },
          },
          info: { database: { status: 'up' } },
        });
      }
    } finally {
      renameSync(movedAway, blobDir);
    }
    for (const target of targets) {
      expect(await answerOf(target, '/health/ready')).toEqual({
        app: target.app,
        status: 200,
        body: 'ok',
      });
    }
  });

  it('exposes Prometheus metrics on every app, and the counters move with a dispatch', async () => {
    const scrape = async (app: AppName) => {
      const response = await management(app)('/metrics');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/plain');
      return parsePrometheusText(response.text);
    };
    const before = {
      gateway: await scrape('gateway'),
      verifier: await scrape('verifier'),
      router: await scrape('router'),
    };
    for (const app of ['gateway', 'verifier', 'router', 'audit', 'notifier'] as const) {
      const families = await scrape(app);
      expect(families.get('docaxis_queue_messages')?.type).toBe('gauge');
      expect(
        sampleValue(families, 'docaxis_process_resident_memory_bytes', { app }),
      ).toBeGreaterThan(0);
    }
    expect(before.gateway.get('docaxis_outbox_lag_seconds')?.type).toBe('gauge');
    expect(before.router.get('docaxis_parked_messages')?.type).toBe('gauge');

    const pdf = await signedDispatchPdf(axis.pki, A);
    const accepted = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B]),
      [{ name: 'cong-van.pdf', bytes: pdf }],
    );
    expect(accepted.status).toBe(202);
    const refused = await attachDispatch(
      asAgency(axis, A).post('/dispatches'),
      envelopeJson(A, [B], { confidentiality: 'secret' }),
      [{ name: 'mat.pdf', bytes: pdf }],
    );
    expect(refused.status).toBe(422);
    await waitFor(
      async () => (await asAgency(axis, A).get(`/dispatches/${accepted.body.dispatchId}`)).body,
      (body) => body.recipients?.[0]?.state === 'delivered',
      'delivery to B',
    );

    const gateway = await scrape('gateway');
    const verifier = await scrape('verifier');
    const router = await scrape('router');
    const delta = (after: typeof gateway, old: typeof gateway, name: string, labels = {}) =>
      sampleValue(after, name, labels) - sampleValue(old, name, labels);
    expect(delta(gateway, before.gateway, 'docaxis_dispatches_accepted_total')).toBe(1);
    expect(
      delta(gateway, before.gateway, 'docaxis_dispatches_rejected_total', {
        stage: 'submission',
        reason: 'CONFIDENTIAL_DOCUMENT_REFUSED',
      }),
    ).toBe(1);
    expect(
      delta(verifier, before.verifier, 'docaxis_verification_outcomes_total', {
        outcome: 'verified',
      }),
    ).toBe(1);
    expect(delta(router, before.router, 'docaxis_deliveries_total')).toBe(1);
    expect(delta(router, before.router, 'docaxis_dispatch_delivery_seconds_count')).toBe(1);
    expect(sampleValue(router, 'docaxis_dispatch_delivery_seconds_sum')).toBeGreaterThan(0);
    expect(router.get('docaxis_queue_messages')!.samples.length).toBeGreaterThan(0);
  });
});

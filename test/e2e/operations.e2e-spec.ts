import request from 'supertest';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';

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
  const worker = (app: keyof RunningAxis['workerUrls']) => (path: string) =>
    request(axis.workerUrls[app]).get(path);

  it('serves the OpenAPI documentation at /api/docs and the document as JSON', async () => {
    const page = await get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const document = await get('/api/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe('docaxis gateway');
    expect(Object.keys(document.body.paths)).toContain('/api/v1/dispatches/{id}/ack');
  });

  it('answers /health/live and /health/ready on every app, with the checks each depends on', async () => {
    const targets = [
      { app: 'gateway', get: (path: string) => get(path), checks: ['blobStore', 'trustStore'] },
      { app: 'verifier', get: worker('verifier'), checks: ['blobStore', 'trustStore'] },
      { app: 'router', get: worker('router'), checks: [] },
      { app: 'audit', get: worker('audit'), checks: [] },
    ];
    for (const target of targets) {
      const live = await target.get('/health/live');
      expect({ app: target.app, status: live.status, body: live.body.status }).toEqual({
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
});

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

  it('serves the OpenAPI documentation at /api/docs and the document as JSON', async () => {
    const page = await get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const document = await get('/api/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.info.title).toBe('docaxis gateway');
    expect(Object.keys(document.body.paths)).toContain('/api/v1/dispatches/{id}/ack');
  });
});

import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainHttpServer } from './http-drain-on-shutdown';

function get(port: number): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
    req.end();
  });
}

describe('drainHttpServer', () => {
  let server: Server;
  let port: number;
  let started: () => void;
  /** Ends the request in flight: the test decides when, so a slow machine cannot reorder it. */
  let respond: () => void;

  beforeEach(async () => {
    server = createServer((_req, res) => {
      respond = () => res.end('done');
      started();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => {
    if (server.listening) server.close();
  });

  it('lets a request in flight finish and refuses new connections meanwhile', async () => {
    const running = new Promise<void>((resolve) => (started = resolve));
    const inFlight = get(port);
    await running;
    let drained = false;
    const draining = drainHttpServer(server, 30_000).then(() => (drained = true));
    expect(await get(port)).toEqual({ error: 'ECONNREFUSED' });
    expect(drained).toBe(false);
    respond();
    expect(await inFlight).toEqual({ status: 200 });
    await draining;
    expect(server.listening).toBe(false);
  });

  it('cuts requests still open after the time-out', async () => {
    const running = new Promise<void>((resolve) => (started = resolve));
    const inFlight = get(port);
    await running;
    const warnings: string[] = [];
    // Never answered: only the time-out ends it.
    await drainHttpServer(server, 50, (message) => warnings.push(message));
    expect(warnings).toHaveLength(1);
    expect((await inFlight).error).toBe('ECONNRESET');
  });

  it('does nothing for a server that is not listening', async () => {
    server.close();
    await expect(drainHttpServer(server, 50)).resolves.toBeUndefined();
    await expect(drainHttpServer(undefined, 50)).resolves.toBeUndefined();
  });
});

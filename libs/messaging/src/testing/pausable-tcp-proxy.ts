import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the broker that can stop forwarding bytes, both ways, while keeping the
 * sockets open: a stalled network path, as a real partition would leave it. Publishes then get no
 * confirm, which is how the publish time-out is tested for real.
 */
export class PausableTcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private paused = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<PausableTcpProxy> {
    const holder: { proxy?: PausableTcpProxy } = {};
    const server = createServer((client) => {
      const proxy = holder.proxy;
      if (!proxy) {
        client.destroy();
        return;
      }
      const upstream = connect(targetPort, targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      proxy.pairs.add(pair);
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => client.write(chunk));
      const end = () => {
        proxy.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
      if (proxy.paused) {
        client.pause();
        upstream.pause();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('proxy has no TCP address');
    holder.proxy = new PausableTcpProxy(server, address.port);
    return holder.proxy;
  }

  url(user = 'guest', password = 'guest'): string {
    return `amqp://${user}:${password}@127.0.0.1:${this.port}`;
  }

  /** Stops reading from both sides: bytes stay in socket buffers, nothing is lost or closed. */
  pause(): void {
    this.paused = true;
    for (const [client, upstream] of this.pairs) {
      client.pause();
      upstream.pause();
    }
  }

  resume(): void {
    this.paused = false;
    for (const [client, upstream] of this.pairs) {
      client.resume();
      upstream.resume();
    }
  }

  async close(): Promise<void> {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

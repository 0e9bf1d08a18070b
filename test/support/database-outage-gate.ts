import { connect, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';

/**
 * A TCP front of the shared PostgreSQL that can cut it off, for outage tests that must not touch
 * the server itself. Open, it forwards each connection to PostgreSQL; closed, it accepts and at
 * once drops each one (as a server that is going down does), and `close()` also drops the
 * connections it was forwarding. Either way it counts the connections it accepted: how often a
 * client tried.
 */
export class DatabaseOutageGate {
  /** Connections accepted so far, open or not. */
  accepted = 0;
  private open = true;
  private readonly forwarded = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  /** A gate in front of the database of `url`, open unless told otherwise. */
  static async start(url: string, options: { open?: boolean } = {}): Promise<DatabaseOutageGate> {
    const target = new URL(url);
    const holder: { gate?: DatabaseOutageGate } = {};
    const server = createServer((client) => holder.gate?.accept(client));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    holder.gate = new DatabaseOutageGate(server, target);
    holder.gate.open = options.open ?? true;
    return holder.gate;
  }

  /** The database URL through the gate. */
  get url(): string {
    const url = new URL(this.target);
    const address = this.server.address();
    if (!address || typeof address === 'string') throw new Error('the gate has no TCP address');
    url.host = `127.0.0.1:${address.port}`;
    return url.toString();
  }

  /** Forward new connections to PostgreSQL again. */
  reopen(): void {
    this.open = true;
  }

  /** The outage: drops every forwarded connection, and drops new ones as they come. */
  close(): void {
    this.open = false;
    for (const socket of this.forwarded) socket.destroy();
  }

  async stop(): Promise<void> {
    this.close();
    this.server.close();
    await once(this.server, 'close');
  }

  private accept(client: Socket): void {
    this.accepted += 1;
    if (!this.open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
    this.forwarded.add(client);
    this.forwarded.add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      this.forwarded.delete(client);
      this.forwarded.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}

import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { drainHttpServer, HTTP_DRAIN_TIMEOUT_MS } from '../http/http-drain-on-shutdown';

/**
 * The gateway's second HTTP server, plain HTTP on MANAGEMENT_HOST:GATEWAY_MANAGEMENT_PORT, for
 * orchestrators and Prometheus. It hands its requests to the same Express app as the public
 * mutual-TLS port; which routes each listener may serve is decided by `management-routes.ts`
 * from the connection a request came in on. It opens with the app and drains with it.
 */
@Injectable()
export class ManagementListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ManagementListener.name);
  private readonly sockets = new WeakSet<Socket>();
  private server: Server | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Whether this request reached the gateway through the management listener. */
  accepted(request: IncomingMessage): boolean {
    return this.sockets.has(request.socket);
  }

  /** `http://host:port` the listener answers on (its real port when configured as 0). */
  url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('The management listener is not listening');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  onApplicationBootstrap(): Promise<void> {
    const server = createServer(this.adapterHost.httpAdapter.getInstance<RequestListener>());
    server.on('connection', (socket: Socket) => this.sockets.add(socket));
    this.server = server;
    const { GATEWAY_MANAGEMENT_PORT: port, MANAGEMENT_HOST: host } = this.config;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.logger.log(`health and metrics on ${this.url()}`);
        resolve();
      });
    });
  }

  beforeApplicationShutdown(): Promise<void> {
    return drainHttpServer(this.server, HTTP_DRAIN_TIMEOUT_MS, (message) =>
      this.logger.warn(message),
    );
  }
}

import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** In-flight requests get this long to finish before their connections are cut. */
export const HTTP_DRAIN_TIMEOUT_MS = 10_000;

/**
 * First step of the gateway's graceful shutdown: stop accepting connections and let requests in
 * flight finish (a submission commits its dispatch and outbox row, and answers its 202) before
 * messaging stops and the database pool closes. Without it the listener stays open until Nest
 * disposes of it, after the messaging drain, and keeps accepting work meanwhile.
 */
@Injectable()
export class HttpDrainOnShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(HttpDrainOnShutdown.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    return drainHttpServer(server, HTTP_DRAIN_TIMEOUT_MS, (message) => this.logger.warn(message));
  }
}

/** Closes the listener, waits for open requests (bounded), then cuts what is left. */
export function drainHttpServer(
  server: Server | undefined,
  timeoutMs: number,
  warn: (message: string) => void = () => undefined,
): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      warn(`requests still open after ${timeoutMs} ms of shutdown; closing their connections`);
      server.closeAllConnections();
      resolve();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
  });
}

import { type INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import { ForwardedClientCertificateVerifier } from '../auth/forwarded-client-certificate.verifier';

/**
 * Re-reads the TLS material every `intervalMs` and swaps it into the running server (new
 * handshakes use it; open connections keep theirs): a CRL published by the CA revokes client
 * certificates at the handshake without a restart, and trusted-proxy checks read the same CRLs.
 * A file that cannot be read keeps the previous context in force, with a warning.
 */
export function reloadTlsPeriodically(
  app: INestApplication,
  intervalMs: number,
  readOptions: () => SecureContextOptions,
): void {
  if (intervalMs === 0) return;
  const logger = new Logger('TLS');
  const server = app.getHttpServer() as Server;
  const forwarded = app.get(ForwardedClientCertificateVerifier);
  const timer = setInterval(() => {
    try {
      server.setSecureContext(readOptions());
      forwarded.reloadCrls();
      logger.debug('TLS certificate, client CAs and CRLs reloaded');
    } catch (error) {
      logger.warn(
        { err: error },
        'Could not reload the TLS material; the previous one stays in force',
      );
    }
  }, intervalMs);
  timer.unref();
  server.on('close', () => clearInterval(timer));
}

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { constants as cryptoConstants } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { GatewayConfig } from './config/gateway.config';
import { serveConsole } from './console/console-static';
import { GatewayModule } from './gateway.module';
import { applyGatewayApiPrefix } from './http/api-prefix';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { reloadTlsPeriodically } from './http/tls-reload';
import { ManagementListener } from './management/management-listener';
import { confineManagementListener, ManagementRoutesGuard } from './management/management-routes';
import { serveGatewayOpenApi } from './openapi/gateway-openapi';

/**
 * Builds the gateway exactly as production runs it (TLS, filters, headers), for `main.ts` and
 * for the end-to-end tests alike. Listening on GATEWAY_PORT is the caller's; the management
 * listener (health, metrics) opens by itself when the app starts.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    httpsOptions: tlsOptions(config),
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use(helmet());
  app.disable('x-powered-by');
  const management = app.get(ManagementListener);
  app.use(confineManagementListener(management));
  app.useGlobalGuards(new ManagementRoutesGuard(management));
  applyGatewayApiPrefix(app);
  serveConsole(app, config.CONSOLE_DIR);
  app.useGlobalFilters(new DomainExceptionFilter());
  serveGatewayOpenApi(app);
  reloadTlsPeriodically(app, config.TLS_RELOAD_INTERVAL_MS, () => tlsOptions(config));
  app.enableShutdownHooks();
  return app;
}

const MODERN_TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

function tlsOptions(config: GatewayConfig) {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch {
      throw new Error(
        `Cannot read the ${what} at ${file}. For development, run: npm run certs:dev`,
      );
    }
  };
  return {
    cert: read(config.TLS_CERT_FILE, 'TLS server certificate'),
    key: read(config.TLS_KEY_FILE, 'TLS server key'),
    ca: read(config.TLS_CLIENT_CA_FILE, 'client CA bundle'),
    crl: config.TLS_CRL_FILES.map((file) => read(file, 'CRL')),
    // Ask every client for a certificate but let the guard turn a missing or bad one into a
    // JSON error with a stable code, rather than a TLS alert the caller cannot interpret.
    requestCert: true,
    rejectUnauthorized: false,
    // TLS 1.2 with forward-secret AEAD suites only (Mozilla's "intermediate" profile); TLS 1.3
    // suites are all modern and stay at Node's defaults.
    minVersion: config.TLS_MIN_VERSION,
    ciphers: MODERN_TLS12_CIPHERS,
    honorCipherOrder: true,
    // A connection's client certificate is read once and trusted for all its requests
    // (PresentedCertificates): TLS 1.2 renegotiation, which could swap it, is refused.
    secureOptions: cryptoConstants.SSL_OP_NO_RENEGOTIATION,
  };
}

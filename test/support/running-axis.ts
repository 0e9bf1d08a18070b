import type { INestApplication } from '@nestjs/common';
import { connect } from 'amqplib';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createAuditApp } from '../../apps/audit/src/audit-app.factory';
import { loadAuditConfig } from '../../apps/audit/src/config/audit.config';
import { loadGatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { loadNotifierConfig } from '../../apps/notifier/src/config/notifier.config';
import { createNotifierApp } from '../../apps/notifier/src/notifier-app.factory';
import { createGatewayApp } from '../../apps/gateway/src/gateway-app.factory';
import { ManagementListener } from '../../apps/gateway/src/management/management-listener';
import { loadRouterConfig } from '../../apps/router/src/config/router.config';
import { createRouterApp } from '../../apps/router/src/router-app.factory';
import { loadVerifierConfig } from '../../apps/verifier/src/config/verifier.config';
import { createVerifierApp } from '../../apps/verifier/src/verifier-app.factory';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import { topologyNames } from '@docaxis/messaging/topology/topology-names';
import { seedDevDirectory } from '@docaxis/persistence/agency/dev-directory-seed';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { axisAppEnv } from './axis-app-env';
import { createTestDatabase } from './test-database';
import { testPki } from './test-pki';
import { testRunDir, testRunId } from './test-run';

/** The whole axis, running in this process against the real RabbitMQ and PostgreSQL. */
export interface RunningAxis {
  pki: DevPki;
  /** `https://127.0.0.1:<port>` of the gateway's public API (mutual TLS). */
  gatewayUrl: string;
  /** `http://127.0.0.1:<port>` of the gateway's management listener (health, metrics). */
  gatewayManagementUrl: string;
  env: NodeJS.ProcessEnv;
  /** A direct connection to the axis' database, for assertions. */
  db: DataSource;
  /** The gateway application itself (e.g. to enumerate its routes). */
  gateway: INestApplication;
  /** `http://127.0.0.1:<port>` of each worker's health and metrics server. */
  workerUrls: { audit: string; verifier: string; router: string; notifier: string };
  /** The worker apps started in-process, in this order: audit, verifier, router, notifier. */
  workers: readonly INestApplication[];
  stop(): Promise<void>;
}

/** Worker apps a test may run in processes of its own (test/support/app-process.ts). */
export type OutOfProcessApp = 'audit' | 'verifier' | 'router' | 'notifier';

export interface StartAxisOptions {
  /** Not started here: the test spawns them (and may kill them) itself. */
  outOfProcess?: readonly OutOfProcessApp[];
}

const AMQP_URL = process.env.DOCAXIS_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Starts gateway, verifier, router, audit and notifier exactly as production builds them (same factories,
 * same configuration schemas), on a database and an AMQP prefix of this spec file's own, with
 * the development agency directory seeded. `stop()` closes the apps and deletes the prefix's
 * queues and exchanges.
 */
export async function startAxis(
  label: string,
  overrides: NodeJS.ProcessEnv = {},
  options: StartAxisOptions = {},
): Promise<RunningAxis> {
  const pki = await testPki();
  const databaseUrl = await createTestDatabase(label);
  const blobDir = join(testRunDir(), `blobs-${label}-${process.pid}`);
  mkdirSync(blobDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...axisAppEnv({
      pki,
      databaseUrl,
      amqpUrl: AMQP_URL,
      amqpPrefix: `dxt-${testRunId()}-${label}`.toLowerCase(),
      blobDir,
      logLevel: process.env.DOCAXIS_TEST_LOG_LEVEL ?? 'error',
      gatewayPort: 0,
    }),
    DATABASE_POOL_SIZE: '5',
    // The specs poll the gateway (waitFor: every 50 ms) as the agencies they test, for as long as
    // a loaded machine needs: within the production budget (600 a minute) a slow run would start
    // being refused, its polls and the requests around them. The limiter stays on, far off; the
    // perimeter spec sets its own limit to test it.
    RATE_LIMIT_PER_AGENCY: '1000000',
    ...overrides,
  };

  const db = new DataSource(
    dataSourceOptions({ url: databaseUrl, poolSize: 3, applicationName: 'docaxis-test' }),
  );
  await db.initialize();
  // Agencies plus their registered client certificates (agency system, clerk) and the axis
  // operator's auditor and admin: the same seed as `npm start`.
  await seedDevDirectory(db, pki);

  const workers: INestApplication[] = [];
  const workerNames: OutOfProcessApp[] = [];
  let gateway: INestApplication | undefined;
  const topologies: MessagingTopology[] = [];
  try {
    for (const [name, create] of [
      ['audit', () => createAuditApp(loadAuditConfig(env))],
      ['verifier', () => createVerifierApp(loadVerifierConfig(env))],
      ['router', () => createRouterApp(loadRouterConfig(env))],
      ['notifier', () => createNotifierApp(loadNotifierConfig(env))],
    ] as const) {
      // A fault test runs this app in a process of its own instead (test/support/app-process.ts).
      if (options.outOfProcess?.includes(name)) continue;
      const app = await create();
      workers.push(app);
      workerNames.push(name);
      topologies.push(app.get(MessagingTopology));
    }
    gateway = await createGatewayApp(loadGatewayConfig(env));
    await gateway.listen(0, '127.0.0.1');
    topologies.push(gateway.get(MessagingTopology));
  } catch (error) {
    await Promise.allSettled([gateway?.close(), ...workers.map((w) => w.close())]);
    await db.destroy();
    throw error;
  }
  const { port } = (gateway.getHttpServer() as { address(): AddressInfo }).address();
  const urlOf = (name: OutOfProcessApp) => {
    const worker = workerNames.indexOf(name);
    if (worker < 0) return ''; // runs in a process of its own
    const server = workers[worker].getHttpServer() as { address(): AddressInfo };
    return `http://127.0.0.1:${server.address().port}`;
  };
  const [audit, verifier, router, notifier] = (
    ['audit', 'verifier', 'router', 'notifier'] as const
  ).map(urlOf);

  return {
    pki,
    gatewayUrl: `https://127.0.0.1:${port}`,
    gatewayManagementUrl: gateway.get(ManagementListener).url(),
    env,
    db,
    gateway,
    workerUrls: { audit, verifier, router, notifier },
    workers,
    async stop() {
      const queues = new Set(topologies.flatMap((t) => t.declaredQueueNames()));
      const exchanges = new Set(topologies.flatMap((t) => t.declaredExchangeNames()));
      await gateway?.close();
      for (const worker of workers.reverse()) await worker.close();
      await db.destroy();
      await deletePrefix(env.AMQP_PREFIX!, [...queues], [...exchanges], env.AMQP_URL);
    },
  };
}

/** Removes what the prefix declared on the shared broker, so runs leave nothing behind. */
export async function deletePrefix(
  prefix: string,
  queues: readonly string[],
  exchanges: readonly string[],
  amqpUrl: string = AMQP_URL,
): Promise<void> {
  const names = topologyNames(prefix);
  const connection = await connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of [...queues, names.parkedQueue]) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}

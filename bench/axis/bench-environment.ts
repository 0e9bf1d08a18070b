import { connect } from 'amqplib';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { seedDevDirectory } from '@docaxis/persistence/agency/dev-directory-seed';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { prepareDatabase } from '@docaxis/persistence/database/prepare-database';
import { readDevAgenciesFile } from '@docaxis/signature/pki/dev-agency';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { ensureDevPki } from '@docaxis/signature/pki/dev-pki-provisioner';
import { axisAppEnv } from '@docaxis/testing/axis-app-env';
import { freePort } from '@docaxis/testing/free-port';

export interface BenchEnvironment {
  repoRoot: string;
  workDir: string;
  pki: DevPki;
  databaseUrl: string;
  amqpUrl: string;
  amqpPrefix: string;
  gatewayPort: number;
  /** The gateway's management listener (health, metrics; plain HTTP). */
  gatewayManagementPort: number;
  /** Health and metrics port of each worker app. */
  workerHttpPorts: { router: number; verifier: number; audit: number; notifier: number };
  /** The environment every app of this run starts with. */
  appEnv: NodeJS.ProcessEnv;
  /** A connection to the run's database, for counting what the axis wrote. */
  db: DataSource;
  dispose(): Promise<void>;
}

/**
 * A database, an AMQP prefix, a TEST PKI and a working folder of the benchmark run's own, on the
 * real PostgreSQL and RabbitMQ; `dispose()` drops the database and the prefix's queues and
 * exchanges, so a run leaves nothing behind.
 */
export async function createBenchEnvironment(
  repoRoot: string,
  options: { logLevel: string; admissionLimit: number },
): Promise<BenchEnvironment> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const workDir = mkdtempSync(join(tmpdir(), 'docaxis-bench-axis-'));
  const adminUrl =
    process.env.DOCAXIS_BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `docaxis_bench_${runId}`;
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${databaseName}`;
  const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const amqpPrefix = `dxbench-${runId}`.replace(/_/g, '-');

  const { pki } = await ensureDevPki({
    outDir: join(workDir, 'pki'),
    agencies: readDevAgenciesFile(join(repoRoot, 'certs/dev-agencies.json')),
  });
  await prepareDatabase(databaseUrl.toString(), 'bench');
  const db = new DataSource(
    dataSourceOptions({
      url: databaseUrl.toString(),
      poolSize: 2,
      applicationName: 'docaxis-bench',
    }),
  );
  await db.initialize();
  await seedDevDirectory(db, pki);

  const blobDir = join(workDir, 'blobs');
  mkdirSync(blobDir);
  const gatewayPort = await freePort();
  const gatewayManagementPort = await freePort();
  const workerHttpPorts = {
    router: await freePort(),
    verifier: await freePort(),
    audit: await freePort(),
    notifier: await freePort(),
  };
  const appEnv = axisAppEnv({
    pki,
    databaseUrl: databaseUrl.toString(),
    amqpUrl,
    amqpPrefix,
    blobDir,
    logLevel: options.logLevel,
    gatewayPort,
  });
  Object.assign(appEnv, {
    GATEWAY_MANAGEMENT_PORT: String(gatewayManagementPort),
    ROUTER_HTTP_PORT: String(workerHttpPorts.router),
    VERIFIER_HTTP_PORT: String(workerHttpPorts.verifier),
    AUDIT_HTTP_PORT: String(workerHttpPorts.audit),
    NOTIFIER_HTTP_PORT: String(workerHttpPorts.notifier),
    // The benchmark measures capacity: the per-agency rate limit (600 requests a minute by
    // default, a production safeguard) would cap each recipient at 10 acknowledgements a second.
    RATE_LIMIT_PER_AGENCY: '0',
    // Admission control stays on, as in production: the senders honour its 503 + Retry-After.
    ADMISSION_MAX_PENDING_VERIFICATION: String(options.admissionLimit),
  });

  return {
    repoRoot,
    workDir,
    pki,
    databaseUrl: databaseUrl.toString(),
    amqpUrl,
    amqpPrefix,
    gatewayPort,
    gatewayManagementPort,
    workerHttpPorts,
    appEnv,
    db,
    async dispose() {
      await db.destroy();
      await deleteBrokerPrefix(amqpUrl, amqpPrefix);
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * Deletes every queue and exchange whose name starts with the run's prefix. The apps declared
 * them, in separate processes; `rabbitmqctl` lists them (the broker has no management plugin).
 */
async function deleteBrokerPrefix(amqpUrl: string, prefix: string): Promise<void> {
  const list = (what: 'queues' | 'exchanges') =>
    execFileSync('rabbitmqctl', ['-q', `list_${what}`, 'name', '--no-table-headers'], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim())
      .filter((name) => name.startsWith(`${prefix}.`));
  let queues: string[];
  let exchanges: string[];
  try {
    queues = list('queues');
    exchanges = list('exchanges');
  } catch (error) {
    // A broker on another host: rabbitmqctl cannot reach it. Say what is left rather than fail.
    process.stderr.write(
      `could not list the broker's queues (${(error as Error).message}); delete those named ${prefix}.* by hand\n`,
    );
    return;
  }
  const connection = await connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    for (const exchange of exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}

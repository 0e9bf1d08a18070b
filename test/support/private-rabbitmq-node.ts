import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A RabbitMQ node of the test's own, on free ports, with its data in a temporary folder, so a
 * test may stop and start the broker without touching the shared one on 5672 that other specs
 * use. No plugins (the management plugin's port would clash with the shared node's).
 */
export interface PrivateRabbitNode {
  readonly nodeName: string;
  readonly url: string;
  /** `rabbitmqctl stop_app`: the broker goes away, the Erlang node (and its data) stays. */
  stopApp(): Promise<void>;
  /** `rabbitmqctl start_app`, then waits until it accepts connections again. */
  startApp(): Promise<void>;
  /** Stops the node and removes its data. */
  shutdown(): Promise<void>;
}

export type PrivateRabbitNodeStart =
  | { readonly ok: true; readonly node: PrivateRabbitNode }
  | { readonly ok: false; readonly reason: string };

/** Starts the node, or says why it could not (the caller skips its test with that reason). */
export async function startPrivateRabbitNode(): Promise<PrivateRabbitNodeStart> {
  const server = await which('rabbitmq-server');
  const ctl = await which('rabbitmqctl');
  if (!server || !ctl)
    return { ok: false, reason: 'rabbitmq-server/rabbitmqctl are not installed' };
  const [port, distPort] = [await freePort(), await freePort()];
  const nodeName = `docaxis-fault-${process.pid}-${port}@localhost`;
  const dir = mkdtempSync(join(tmpdir(), 'docaxis-rabbit-'));
  // Run as root, the server scripts switch to the rabbitmq user, which must write here.
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, 'rabbitmq.conf'), `listeners.tcp.local = 127.0.0.1:${port}\n`);
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'rabbit.pid'),
  };
  const rabbitmqctl = async (...args: string[]) => {
    await run(ctl, ['-n', nodeName, ...args], { env, timeout: 150_000 });
  };
  // await_startup fails at once while the Erlang node is not even registered yet: ask again.
  const awaitStartup = async () => {
    const deadline = Date.now() + 150_000;
    for (;;) {
      try {
        return await rabbitmqctl('await_startup', '--timeout', '60');
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const node: PrivateRabbitNode = {
    nodeName,
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    stopApp: () => rabbitmqctl('stop_app'),
    async startApp() {
      await rabbitmqctl('start_app');
      await awaitStartup();
    },
    async shutdown() {
      await rabbitmqctl('shutdown').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await run(server, ['-detached'], { env, timeout: 60_000 });
    await awaitStartup();
  } catch (error) {
    await node.shutdown();
    return { ok: false, reason: `could not start a RabbitMQ node: ${(error as Error).message}` };
  }
  return { ok: true, node };
}

async function which(command: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', `command -v ${command}`]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testRunId } from '@docaxis/testing/test-run';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { AmqpConnection } from '../connection/amqp-connection';

const run = promisify(execFile);

/** Broker of the integration tests (the local RabbitMQ unless overridden). */
export function testAmqpUrl(): string {
  return process.env.DOCAXIS_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
}

/** A prefix owned by one spec file of one run: `dxt-<run>-<label>`. */
export function testPrefix(label: string): string {
  return `dxt-${testRunId()}-${label}`.toLowerCase();
}

/**
 * Closes, from the broker side, every connection whose client-provided name is `name` (only
 * ours: other suites share the broker). Returns how many were closed.
 */
export async function closeConnectionsNamed(
  name: string,
  reason = 'closed by a docaxis test',
): Promise<number> {
  const { stdout } = await run('rabbitmqctl', [
    'list_connections',
    'pid',
    'client_properties',
    '--quiet',
    '--no-table-headers',
  ]);
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${name}"}`))
    .map((line) => line.split('\t')[0].trim())
    .filter((pid) => pid.startsWith('<'));
  for (const pid of pids) await run('rabbitmqctl', ['close_connection', pid, reason]);
  return pids.length;
}

/**
 * Messages in a queue of the default vhost, ready and unacknowledged together (`checkQueue`
 * counts only the ready ones): 0 means every delivery of it was settled.
 */
export async function queueDepth(queue: string): Promise<number> {
  const { stdout } = await run('rabbitmqctl', [
    'list_queues',
    'name',
    'messages',
    '--quiet',
    '--no-table-headers',
  ]);
  const line = stdout.split('\n').find((row) => row.split('\t')[0] === queue);
  if (!line) throw new Error(`queue ${queue} not found`);
  return Number(line.split('\t')[1]);
}

/**
 * Polls `check` until it returns true or throws on timeout, with what it was waiting for. The
 * default (45 s, under jest's test timeout so this message is the one that shows) allows for
 * a loaded CI machine, where a reconnection, a retry round or a verification can take many
 * seconds; waiting longer costs nothing when the condition comes true.
 */
export const WAIT_UNTIL_DEFAULT_MS = 45_000;

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = WAIT_UNTIL_DEFAULT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a queue (the parked queue, typically) into memory with a raw consumer, acking everything. */
export class QueueRecorder {
  readonly messages: ConsumeMessage[] = [];
  private channel?: Channel;

  static async start(connection: AmqpConnection, queue: string): Promise<QueueRecorder> {
    const recorder = new QueueRecorder();
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await channel.consume(queue, (message) => {
      if (!message) return;
      recorder.messages.push(message);
      channel.ack(message);
    });
    recorder.channel = channel;
    return recorder;
  }

  byMessageId(messageId: string): ConsumeMessage | undefined {
    return this.messages.find((m) => m.properties.messageId === messageId);
  }

  async waitFor(messageId: string, timeoutMs = WAIT_UNTIL_DEFAULT_MS): Promise<ConsumeMessage> {
    await waitUntil(
      () => this.byMessageId(messageId) !== undefined,
      `message ${messageId}`,
      timeoutMs,
    );
    return this.byMessageId(messageId)!;
  }

  async stop(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
  }
}

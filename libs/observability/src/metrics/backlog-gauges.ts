import { Logger } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { AmqpConnection } from '@docaxis/messaging/connection/amqp-connection';
import type { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';

export interface BacklogSources {
  connection: AmqpConnection;
  topology: MessagingTopology;
  /** Omitted for an app whose database role may not read the outbox and parked tables (audit). */
  dataSource?: DataSource;
}

/**
 * Gauges read at scrape time, so they are true whichever instance answers: the depth of every
 * queue this app declares (its consumers', the audit's catch-all) and of the parked-message queue (the DLQ), the outbox backlog and the
 * age of its oldest row (relay lag), the parked messages filed for operators, and the status
 * notices waiting behind an earlier one.
 */
export function registerBacklogGauges(registry: Registry, sources: BacklogSources): void {
  const logger = new Logger('Metrics');
  const { connection, topology, dataSource } = sources;

  new Gauge({
    name: 'docaxis_queue_messages',
    help: 'Messages ready in a RabbitMQ queue this app declares (parked: the dead-letter queue)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const queues = new Set([...topology.declaredQueueNames(), topology.names.parkedQueue]);
      if (!connection.isConnected()) return;
      const channel = await connection.createChannel();
      // A queue deleted meanwhile closes the channel (404); the others keep their values.
      channel.on('error', () => undefined);
      try {
        for (const queue of queues) {
          const depth = await channel.checkQueue(queue).catch(() => undefined);
          if (depth) this.set({ queue }, depth.messageCount);
          else break;
        }
      } finally {
        await channel.close().catch(() => undefined);
      }
    },
  });

  if (!dataSource) return;
  const outbox = { pending: 0, oldestSeconds: 0 };
  const readOutbox = async () => {
    try {
      const [row] = await dataSource.query<Array<{ pending: number; oldest: number | null }>>(
        `SELECT count(*)::int AS pending,
                extract(epoch FROM now() - min(created_at))::float8 AS oldest
           FROM outbox_messages`,
      );
      outbox.pending = row.pending;
      outbox.oldestSeconds = row.oldest ?? 0;
    } catch (error) {
      logger.warn(`cannot read the outbox backlog: ${(error as Error).message}`);
    }
  };
  new Gauge({
    name: 'docaxis_outbox_pending',
    help: 'Outbox rows not yet confirmed by the broker (all apps share the table)',
    registers: [registry],
    async collect() {
      await readOutbox();
      this.set(outbox.pending);
    },
  });
  new Gauge({
    name: 'docaxis_outbox_lag_seconds',
    help: 'Age of the oldest outbox row not yet published (0 when the outbox is empty)',
    registers: [registry],
    collect() {
      // Read by docaxis_outbox_pending's collect, which prom-client runs first (registration order).
      this.set(outbox.oldestSeconds);
    },
  });
  new Gauge({
    name: 'docaxis_parked_messages',
    help: 'Parked messages filed for operators and not yet redriven or discarded',
    registers: [registry],
    async collect() {
      try {
        const [row] = await dataSource.query<Array<{ filed: number }>>(
          `SELECT count(*)::int AS filed FROM parked_messages WHERE state = 'parked'`,
        );
        this.set(row.filed);
      } catch (error) {
        logger.warn(`cannot count parked messages: ${(error as Error).message}`);
      }
    },
  });
  new Gauge({
    name: 'docaxis_status_notices_waiting',
    help:
      'Status notices whose message reached the router but that wait for an earlier notice of ' +
      'the same recipient (its message late, or parked: redrive or discard it to release them; ' +
      'GET /admin/status-notices/blocking lists the ones holding others back)',
    registers: [registry],
    async collect() {
      try {
        const [row] = await dataSource.query<Array<{ waiting: number }>>(
          `SELECT count(*)::int AS waiting FROM status_notices
            WHERE ready_at IS NOT NULL AND delivery_seq IS NULL AND skipped_at IS NULL`,
        );
        this.set(row.waiting);
      } catch (error) {
        logger.warn(`cannot count waiting status notices: ${(error as Error).message}`);
      }
    },
  });
}

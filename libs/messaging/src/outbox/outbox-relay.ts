import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { MessagingLogger } from '../messaging-logger';
import type { ConfirmingPublisher } from '../publisher/confirming-publisher';
import {
  DEFAULT_OUTBOX_RETRY_POLICY,
  outboxRetryDelayMs,
  type OutboxRetryPolicy,
} from './outbox-retry-delay';
import {
  OutboxRepository,
  type ClaimedOutboxMessage,
  type OutboxBacklog,
  type OutboxPublishFailure,
} from './outbox.repository';

export interface OutboxRelaySettings {
  /** Rows claimed and published together. Default 100. */
  batchSize?: number;
  /** Poll interval when not nudged. Default 200 ms. */
  pollIntervalMs?: number;
  /**
   * How long a claimed row stays invisible to other relays. Must outlast a batch (each publish
   * is bounded by the publisher's time-out), hence at least twice that time-out. Default 30 s.
   */
  leaseMs?: number;
  retry?: OutboxRetryPolicy;
  logger?: MessagingLogger;
}

export interface RelayBatchResult {
  readonly claimed: number;
  readonly published: number;
  readonly failed: number;
}

export interface OutboxRelayStats {
  /** Messages published (confirmed) and deleted by this relay since start. */
  readonly published: number;
  readonly failed: number;
  readonly lastError?: { readonly message: string; readonly at: Date };
}

/**
 * Publishes committed outbox rows: claim a batch of due rows (a lease), publish them
 * concurrently with confirms, delete the confirmed ones, and record the error and a retry time
 * (exponential backoff by attempts) on the others.
 *
 * Several relays (one per app instance) may run against one database: SKIP LOCKED and the lease
 * keep them on different rows, so in normal operation a row is published once. A crash (or a
 * lost database connection) between the broker's confirm and the DELETE republishes the row once
 * its lease ends: delivery is at least once, and consumers deduplicate on the messageId
 * (inbox/run-once.ts).
 */
export class OutboxRelay {
  private readonly repository: OutboxRepository;
  private readonly logger: MessagingLogger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly retry: OutboxRetryPolicy;
  private running = false;
  private loop?: Promise<void>;
  private nudged = false;
  private wake?: () => void;
  private published = 0;
  private failed = 0;
  private lastError?: { message: string; at: Date };

  constructor(
    dataSource: DataSource,
    private readonly publisher: ConfirmingPublisher,
    settings: OutboxRelaySettings = {},
  ) {
    this.repository = new OutboxRepository(dataSource);
    this.logger = settings.logger ?? new Logger(OutboxRelay.name);
    this.batchSize = settings.batchSize ?? 100;
    this.pollIntervalMs = settings.pollIntervalMs ?? 200;
    this.leaseMs = settings.leaseMs ?? Math.max(30_000, 3 * publisher.publishTimeoutMs);
    this.retry = settings.retry ?? DEFAULT_OUTBOX_RETRY_POLICY;
    if (this.leaseMs < 2 * publisher.publishTimeoutMs) {
      throw new RangeError(
        `leaseMs (${this.leaseMs}) must be at least twice the publish time-out (${publisher.publishTimeoutMs}): ` +
          'a shorter lease lets another relay publish a row whose confirm is still awaited',
      );
    }
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in flight (its rows are published and deleted, or recorded as failed). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Something was just committed: look now instead of at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** One claim → publish → settle cycle (the loop's body; tests and tools call it directly). */
  async relayBatch(): Promise<RelayBatchResult> {
    const claimed = await this.repository.claim(this.batchSize, this.leaseMs);
    if (claimed.length === 0) return { claimed: 0, published: 0, failed: 0 };
    const outcomes = await Promise.allSettled(claimed.map((row) => this.publish(row)));
    const published: string[] = [];
    const failures: OutboxPublishFailure[] = [];
    outcomes.forEach((outcome, index) => {
      const row = claimed[index];
      if (outcome.status === 'fulfilled') {
        published.push(row.id);
        return;
      }
      const error = describe(outcome.reason);
      failures.push({ id: row.id, error, retryInMs: outboxRetryDelayMs(row.attempts, this.retry) });
      this.lastError = { message: `${row.messageType} ${row.id}: ${error}`, at: new Date() };
    });
    await this.repository.deletePublished(published);
    await this.repository.recordFailures(failures);
    this.published += published.length;
    this.failed += failures.length;
    if (failures.length > 0) {
      this.logger.warn(
        `outbox relay: ${failures.length} of ${claimed.length} messages not published, retrying later; ` +
          `first error: ${failures[0].error}`,
      );
    }
    return { claimed: claimed.length, published: published.length, failed: failures.length };
  }

  stats(): OutboxRelayStats {
    return { published: this.published, failed: this.failed, lastError: this.lastError };
  }

  /** Rows waiting in the outbox (all instances), for a metrics gauge. */
  backlog(): Promise<OutboxBacklog> {
    return this.repository.backlog();
  }

  private publish(row: ClaimedOutboxMessage): Promise<void> {
    if (row.destination === 'queue') return this.publishToQueue(row);
    return this.publisher.publish({
      exchange: row.destination,
      routingKey: row.routingKey,
      messageId: row.id,
      type: row.messageType,
      body: row.payload,
      correlationId: row.correlationId ?? undefined,
      headers: row.headers,
      priority: row.priority,
    });
  }

  /** A redrive: straight back into the queue it failed on, with its own id and headers. */
  private publishToQueue(row: ClaimedOutboxMessage): Promise<void> {
    return this.publisher.publishToQueue(row.routingKey, {
      messageId: row.messageId ?? row.id,
      type: row.messageType,
      body: row.payload,
      correlationId: row.correlationId ?? undefined,
      headers: row.headers,
      priority: row.priority,
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.nudged = false;
      let result: RelayBatchResult | undefined;
      try {
        result = await this.relayBatch();
      } catch (error) {
        // The database is unreachable, most likely: note it and try again at the next poll.
        this.lastError = { message: describe(error), at: new Date() };
        this.logger.error(`outbox relay batch failed: ${this.lastError.message}`);
      }
      if (!this.running) break;
      const more = result !== undefined && result.claimed === this.batchSize && result.failed === 0;
      if (more || this.nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollIntervalMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

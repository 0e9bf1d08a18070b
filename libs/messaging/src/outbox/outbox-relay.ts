import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { MessagingLogger } from '../messaging-logger';
import type { ConfirmingPublisher } from '../publisher/confirming-publisher';
import { MessageUnroutableError } from '../publisher/message-unroutable.error';
import type { OutboundMessage } from '../publisher/outbound-message';
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
   * False for an app that writes outbox rows rarely (the notifier: a webhook it stops): the relay
   * claims only when nudged, never on a timer, so idle it costs nothing. A row it did not publish
   * (its publish failed, or the app stopped between commit and nudge) waits for the next nudge or
   * for any other app's relay, which polls the same outbox. Default true.
   */
  pollsWhenIdle?: boolean;
  /**
   * How long a claimed row stays invisible to other relays. Must outlast a batch (each publish
   * is bounded by the publisher's time-out), hence at least twice that time-out. Default 30 s.
   */
  leaseMs?: number;
  /**
   * After a batch is published, how long to wait for a nudge before settling it: the statement
   * that settles a batch also claims the next, so rows committed meanwhile ride along instead of
   * costing a statement of their own. Delays only the delete, never a publish. Default 50 ms.
   */
  settleLingerMs?: number;
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
  /**
   * Agency inbox queues this relay declared because a delivery to them came back unroutable (an
   * agency registered since the routers last looked), each followed by an immediate republish.
   */
  readonly inboxesDeclared: number;
  readonly lastError?: { readonly message: string; readonly at: Date };
}

/**
 * Publishes committed outbox rows: claim a batch of due rows (a lease), publish them
 * concurrently with confirms, delete the confirmed ones, and record the error and a retry time
 * (exponential backoff by attempts) on the others.
 *
 * A delivery (delivery exchange, keyed by agency code) the broker returns unroutable is for an
 * inbox queue no router has declared yet: an agency registered since the routers last looked
 * at the directory. The relay declares that inbox (idempotent, the arguments every app derives
 * from the same settings) and publishes again at once, so the delivery waits in the queue for
 * the router instead of in the outbox for a retry.
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
  /** Undefined: wait for a nudge (`pollsWhenIdle: false`). */
  private readonly pollIntervalMs: number | undefined;
  private readonly leaseMs: number;
  private readonly settleLingerMs: number;
  private readonly retry: OutboxRetryPolicy;
  private running = false;
  private loop?: Promise<void>;
  private nudged = false;
  private wake?: () => void;
  private published = 0;
  private failed = 0;
  private inboxesDeclared = 0;
  private lastError?: { message: string; at: Date };

  constructor(
    dataSource: DataSource,
    private readonly publisher: ConfirmingPublisher,
    settings: OutboxRelaySettings = {},
  ) {
    this.repository = new OutboxRepository(dataSource);
    this.logger = settings.logger ?? new Logger(OutboxRelay.name);
    this.batchSize = settings.batchSize ?? 100;
    this.pollIntervalMs =
      settings.pollsWhenIdle === false ? undefined : (settings.pollIntervalMs ?? 200);
    this.leaseMs = settings.leaseMs ?? Math.max(30_000, 3 * publisher.publishTimeoutMs);
    this.settleLingerMs = settings.settleLingerMs ?? 50;
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
    const { result, settlement } = await this.claimAndPublish([]);
    await this.settle(settlement);
    return result;
  }

  /**
   * Deletes the previous batch's confirmed rows (`previouslyPublished`) with the statement that
   * claims the next batch, then publishes that; its settlement is left to the caller. A batch
   * with failures is never passed here: `run` settles it on its own.
   */
  private async claimAndPublish(
    previouslyPublished: readonly string[],
  ): Promise<{ result: RelayBatchResult; settlement: Settlement }> {
    const claimed = await this.repository.claim(this.batchSize, this.leaseMs, previouslyPublished);
    this.published += previouslyPublished.length;
    if (claimed.length === 0) {
      return { result: { claimed: 0, published: 0, failed: 0 }, settlement: NOTHING_TO_SETTLE };
    }
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
    this.failed += failures.length;
    if (failures.length > 0) {
      this.logger.warn(
        `outbox relay: ${failures.length} of ${claimed.length} messages not published, retrying later; ` +
          `first error: ${failures[0].error}`,
      );
    }
    return {
      result: { claimed: claimed.length, published: published.length, failed: failures.length },
      settlement: { published, failures },
    };
  }

  /** Deletes the confirmed rows and records the failures, without claiming more. */
  private async settle(settlement: Settlement): Promise<void> {
    await this.repository.deletePublished(settlement.published);
    this.published += settlement.published.length;
    await this.repository.recordFailures(settlement.failures);
  }

  stats(): OutboxRelayStats {
    return {
      published: this.published,
      failed: this.failed,
      inboxesDeclared: this.inboxesDeclared,
      lastError: this.lastError,
    };
  }

  /** Rows waiting in the outbox (all instances), for a metrics gauge. */
  backlog(): Promise<OutboxBacklog> {
    return this.repository.backlog();
  }

  private async publish(row: ClaimedOutboxMessage): Promise<void> {
    if (row.destination === 'queue') return this.publishToQueue(row);
    const message: OutboundMessage = {
      exchange: row.destination,
      routingKey: row.routingKey,
      messageId: row.id,
      type: row.messageType,
      body: row.payload,
      correlationId: row.correlationId ?? undefined,
      headers: row.headers,
      priority: row.priority,
    };
    try {
      await this.publisher.publish(message);
    } catch (error) {
      if (row.destination !== 'delivery' || !(error instanceof MessageUnroutableError)) throw error;
      await this.publisher.topology.ensureAgencyInbox(row.routingKey);
      this.inboxesDeclared += 1;
      this.logger.log(
        `outbox relay: declared the inbox queue of agency ${row.routingKey}, which no router ` +
          `consumes yet, for ${row.messageType} ${row.id}; publishing it again now`,
      );
      await this.publisher.publish(message);
    }
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

  /**
   * Each batch is settled by the statement that claims the next one. After a batch the loop
   * waits up to `settleLingerMs` for a nudge first, so under steady load one statement per
   * batch suffices; a batch some of whose publishes failed is settled on its own and the loop
   * waits for the next poll, so a broker that refuses everything is not retried in a tight loop.
   */
  private async run(): Promise<void> {
    let unsettled = NOTHING_TO_SETTLE;
    // A relay that does not poll starts idle: its first claim is for its first nudge.
    if (this.pollIntervalMs === undefined && !this.nudged) await this.sleep(undefined);
    while (this.running) {
      let result: RelayBatchResult | undefined;
      try {
        if (unsettled.failures.length > 0) {
          await this.settle(unsettled);
          unsettled = NOTHING_TO_SETTLE;
        } else {
          this.nudged = false;
          ({ result, settlement: unsettled } = await this.claimAndPublish(unsettled.published));
        }
      } catch (error) {
        // The database is unreachable, most likely: note it and try again at the next poll (what
        // was not settled is settled then; a row whose lease ends first is published again).
        this.lastError = { message: describe(error), at: new Date() };
        this.logger.error(`outbox relay batch failed: ${this.lastError.message}`);
      }
      if (!this.running) break;
      if (this.nudged) continue;
      const publishedAll = result !== undefined && result.claimed > 0 && result.failed === 0;
      if (publishedAll && result!.claimed === this.batchSize) continue; // more is likely due
      await this.sleep(publishedAll ? this.settleLingerMs : this.pollIntervalMs);
    }
    try {
      await this.settle(unsettled);
    } catch (error) {
      // Unsettled rows are published again when their lease ends; consumers deduplicate.
      this.logger.error(`outbox relay: final settle failed: ${describe(error)}`);
    }
  }

  /** Waits `ms` (undefined: no limit), or less if nudged or stopped meanwhile. */
  private async sleep(ms: number | undefined): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
  }
}

interface Settlement {
  /** Confirmed by the broker: to delete. */
  readonly published: readonly string[];
  readonly failures: readonly OutboxPublishFailure[];
}

const NOTHING_TO_SETTLE: Settlement = { published: [], failures: [] };

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

import { AsyncResource } from 'node:async_hooks';

export interface MessageBatcherSettings<T> {
  /** Most items handled together; a batch that fills up is handled at once. At least 1. */
  readonly maxSize: number;
  /**
   * How long a batch's first item waits for more, in ms. 0: only what arrives before the next
   * turn of the event loop (the deliveries of one read from the broker's socket).
   */
  readonly lingerMs: number;
  /**
   * Handles two or more items at once, all or nothing (one transaction): when it throws, it must
   * have changed nothing, since each item is then handled again alone.
   */
  readonly handleBatch: (items: readonly T[]) => Promise<void>;
  /** Handles one item: a batch of one, and each item of a batch that failed. */
  readonly handleOne: (item: T) => Promise<void>;
  /** Told of a failed batch before its items are handled alone (logging). */
  readonly onBatchFailure?: (error: unknown, size: number) => void;
}

interface Pending<T> {
  readonly item: T;
  /** `handleOne` of this item, in the async context it was submitted in (its message's). */
  readonly alone: () => Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers the items a consumer's handlers submit within a short window into one call of
 * `handleBatch` (one statement, one commit, instead of one per message). Each `submit` settles
 * only once its item's work is done: after the batch committed, or, when the batch failed, after
 * the item was handled alone. A consumer that awaits `submit` before it acks (the consumer host
 * acks when the handler resolves) therefore acks nothing before its commit, and a failing item
 * fails alone, classified, retried or parked as any handler's failure, while the others of its
 * batch are handled.
 *
 * The consumer host runs up to its prefetch of handlers at once, so a backlog fills batches; a
 * lone message waits `lingerMs` at most.
 */
export class MessageBatcher<T> {
  private pending: Pending<T>[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly settings: MessageBatcherSettings<T>) {
    if (!Number.isInteger(settings.maxSize) || settings.maxSize < 1) {
      throw new RangeError(`maxSize must be a positive integer, got ${settings.maxSize}`);
    }
  }

  /** Resolves once `item` is handled (in its batch or alone); rejects with its own failure. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const alone = AsyncResource.bind(() => this.settings.handleOne(item));
      this.pending.push({ item, alone, resolve, reject });
      if (this.pending.length >= this.settings.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.settings.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) void this.handle(batch);
  }

  private async handle(batch: Pending<T>[]): Promise<void> {
    if (batch.length === 1) {
      await settle(batch[0]);
      return;
    }
    try {
      await this.settings.handleBatch(batch.map((entry) => entry.item));
    } catch (error) {
      this.settings.onBatchFailure?.(error, batch.length);
      // Nothing of the batch was written: each item again on its own, so one bad item fails
      // alone and the others still go through.
      await Promise.all(batch.map(settle));
      return;
    }
    for (const entry of batch) entry.resolve();
  }
}

function settle<T>(entry: Pending<T>): Promise<void> {
  // Through a promise, so a handler that throws before its first await still fails only its item.
  return Promise.resolve().then(entry.alone).then(entry.resolve, entry.reject);
}

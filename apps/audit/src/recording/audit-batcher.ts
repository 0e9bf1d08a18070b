import { DomainError } from '@docaxis/errors/domain-error';
import { QueryFailedError } from 'typeorm';
import type { AppendOutcome, AppendResult } from './audit-appender.service';
import type { AuditEventInput } from './audit-event-input';
import { AuditRecorderStoppedError } from './audit-recorder-stopped.error';

export interface AuditBatcherOptions {
  /** A batch is written as soon as it holds this many events. */
  maxEvents: number;
  /** ... or when its oldest event has waited this long. */
  maxWaitMs: number;
}

export const DEFAULT_AUDIT_BATCH: AuditBatcherOptions = { maxEvents: 500, maxWaitMs: 20 };

/** What the batcher needs of the appender. */
export interface AuditEventSink {
  append(events: readonly AuditEventInput[]): Promise<AppendResult>;
}

interface Waiting {
  event: AuditEventInput;
  enqueuedAt: number;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the audit chain: collects events from concurrently handled messages and
 * appends them in one transaction, then settles each event's promise, so a consumer that awaits
 * `submit` acknowledges its message only after the commit that recorded it.
 *
 * At most one append is in flight per instance (instances serialize on the chain lock anyway);
 * events arriving meanwhile form the next batch, which starts when the previous one ends if its
 * oldest event has already waited `maxWaitMs` or it is full.
 *
 * A batch that fails on its data (an invalid event, a value the database refuses) is retried
 * event by event, so one poisonous message fails alone instead of taking its batch-mates with
 * it; any other failure (database unreachable) fails the whole batch at once.
 */
export class AuditBatcher {
  private pending: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly sink: AuditEventSink,
    private readonly options: AuditBatcherOptions = DEFAULT_AUDIT_BATCH,
  ) {}

  /** Resolves once the event is committed to the chain (or found already recorded). */
  submit(event: AuditEventInput): Promise<AppendOutcome> {
    if (this.stopping) return Promise.reject(new AuditRecorderStoppedError());
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.pending.push({ event, enqueuedAt: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Events accepted but not yet settled (waiting or being written). */
  get backlog(): number {
    return this.pending.length + (this.inFlight ? 1 : 0);
  }

  /** Refuses new events, writes every accepted one, and resolves when all are settled. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.writeNext();
    while (this.inFlight) {
      await this.inFlight;
    }
  }

  private schedule(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const waited = Date.now() - this.pending[0].enqueuedAt;
    if (this.pending.length >= this.options.maxEvents || waited >= this.options.maxWaitMs) {
      this.writeNext();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.writeNext();
    }, this.options.maxWaitMs - waited);
  }

  private writeNext(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.options.maxEvents);
    this.inFlight = this.write(batch).finally(() => {
      this.inFlight = null;
      if (this.stopping) this.writeNext();
      else this.schedule();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const result = await this.sink.append(batch.map((waiting) => waiting.event));
      batch.forEach((waiting, index) => waiting.resolve(result.outcomes[index]));
    } catch (error) {
      if (batch.length === 1 || !isDataError(error)) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      for (const waiting of batch) {
        await this.write([waiting]);
      }
    }
  }
}

/** Failures caused by what was written, not by the database being unavailable. */
function isDataError(error: unknown): boolean {
  if (error instanceof DomainError) return error.kind === 'invalid-input';
  if (error instanceof QueryFailedError) {
    // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation).
    const code = (error.driverError as { code?: unknown }).code;
    return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
  }
  return false;
}

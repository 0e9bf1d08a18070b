import { NotificationListener } from '../database/notification-listener';
import type { ReconnectBackoffSettings } from '../database/reconnect-backoff';

/**
 * The channel InboxDeliveryAnnouncer notifies, with the agency code as payload, once a delivery
 * has committed. NOTIFY reaches only sessions of the same database, so test databases on one
 * server do not hear each other and the name needs no prefix of its own.
 */
export const INBOX_DELIVERED_CHANNEL = 'docaxis_inbox_delivered';

export interface InboxWakeupsSettings {
  /** Database URL for the one connection that LISTENs. */
  url: string;
  /**
   * After a lost LISTEN connection, the waits before connecting again: exponential with jitter,
   * back to the initial one once listening (default 1 s doubling to 30 s). Waiters poll meanwhile.
   */
  reconnect?: ReconnectBackoffSettings;
}

/** One waiting request's ear on its agency's inbox. */
export interface InboxWakeup {
  /** False while deliveries cannot be heard (not connected yet, or connection lost): poll. */
  readonly listening: boolean;
  /**
   * Resolves true as soon as the inbox may have changed since the previous call (or since
   * `subscribe`), false after `ms` without a sign or when `signal` aborts. Losing or regaining
   * the connection counts as a sign: what happened meanwhile was not heard.
   */
  next(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** Stops listening for this request. */
  close(): void;
}

/**
 * Wakes waiting long-polls when a delivery to their agency commits (LISTEN on one dedicated
 * connection per process, however many requests wait), so they query when there is something to
 * find instead of on a timer. Every gateway instance listens, so a delivery made by any router
 * reaches the waiters of every instance.
 */
export class InboxWakeups {
  private readonly listener: NotificationListener;
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(settings: InboxWakeupsSettings) {
    this.listener = new NotificationListener(
      {
        url: settings.url,
        channel: INBOX_DELIVERED_CHANNEL,
        applicationName: 'docaxis-inbox-listener',
        reconnect: settings.reconnect,
      },
      {
        notified: (agencyCode) => this.wake(this.waiters.get(agencyCode)),
        listening: () => this.wakeAll(),
        lost: () => this.wakeAll(),
      },
    );
  }

  /** False while deliveries cannot be heard: waiters poll. */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** Starts listening; failing to, it keeps trying in the background (waiters poll meanwhile). */
  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /** Subscribe before the first look at the inbox, so a delivery committed during it is heard. */
  subscribe(agencyCode: string): InboxWakeup {
    let waiters = this.waiters.get(agencyCode);
    if (!waiters) {
      waiters = new Set();
      this.waiters.set(agencyCode, waiters);
    }
    const waiter = new Waiter(this.listener, () => {
      waiters.delete(waiter);
      if (waiters.size === 0 && this.waiters.get(agencyCode) === waiters) {
        this.waiters.delete(agencyCode);
      }
    });
    waiters.add(waiter);
    return waiter;
  }

  private wakeAll(): void {
    for (const waiters of this.waiters.values()) this.wake(waiters);
  }

  private wake(waiters: ReadonlySet<Waiter> | undefined): void {
    for (const waiter of waiters ?? []) waiter.wake();
  }
}

class Waiter implements InboxWakeup {
  /** A sign that came while nobody was waiting in `next`. */
  private pending = false;
  private resolveNext?: (woken: boolean) => void;

  constructor(
    private readonly listener: NotificationListener,
    readonly close: () => void,
  ) {}

  get listening(): boolean {
    return this.listener.listening;
  }

  wake(): void {
    if (this.resolveNext) this.resolveNext(true);
    else this.pending = true;
  }

  next(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.pending || signal?.aborted) {
      const woken = this.pending;
      this.pending = false;
      return Promise.resolve(woken);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(false), ms);
      const aborted = () => settle(false);
      const settle = (woken: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', aborted);
        this.resolveNext = undefined;
        resolve(woken);
      };
      this.resolveNext = settle;
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }
}

import type { DataSource } from 'typeorm';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { InboxRepository } from '@docaxis/persistence/inbox/inbox.repository';
import { InboxDeliveryAnnouncer } from '@docaxis/persistence/inbox/inbox-delivery-announcer';
import { InboxWakeups, type InboxWakeupsSettings } from '@docaxis/persistence/inbox/inbox-wakeups';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { deliveryOf } from '@docaxis/testing/inbox-delivery';
import { recordQueries } from '@docaxis/testing/recorded-queries';
import { insertStatusNotice, newStatusNotice } from '@docaxis/testing/status-notice-rows';
import { waitFor } from '@docaxis/testing/wait-for';
import type { GatewayConfig } from '../config/gateway.config';
import { ListInboxUseCase } from './list-inbox.usecase';
import { deliverStatusNotice } from '@docaxis/testing/status-notice-delivery';

const SENDER = '000.00.00.G22';
const WAITER = '000.00.00.H41';
const OTHER = '000.00.00.H20';

/** The longest either interval may be: only a wake-up can end a pause sooner. */
const NEVER = { INBOX_WAIT_POLL_MS: 10_000, INBOX_WAIT_SAFETY_POLL_MS: 600_000 };

/** GET /inbox?wait= woken by deliveries through PostgreSQL LISTEN/NOTIFY (real PostgreSQL). */
describe('inbox long-poll woken by deliveries (LISTEN/NOTIFY, real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  let dispatches: DispatchRepository;
  let announcer: InboxDeliveryAnnouncer;
  let wakeups: InboxWakeups;
  let statements: string[];
  const started: InboxWakeups[] = [];

  beforeAll(async () => {
    ({ dataSource, url } = await agencyDatabase('inbox-wakeups', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: WAITER, name: 'UBND tỉnh Nghệ An' },
      { code: OTHER, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    dispatches = new DispatchRepository(dataSource);
    announcer = new InboxDeliveryAnnouncer(dataSource);
    statements = recordQueries(dataSource);
    wakeups = await listening({ reconnect: { initialMs: 100, maxMs: 100 } });
  });

  afterAll(async () => {
    await Promise.all(started.map((w) => w.stop()));
    await dataSource.destroy();
  });

  async function listening(
    settings: Pick<InboxWakeupsSettings, 'reconnect'>,
  ): Promise<InboxWakeups> {
    const w = new InboxWakeups({ url, ...settings });
    started.push(w);
    await w.start();
    expect(w.listening).toBe(true);
    return w;
  }

  function useCase(
    source: InboxWakeups,
    intervals: Pick<GatewayConfig, 'INBOX_WAIT_POLL_MS' | 'INBOX_WAIT_SAFETY_POLL_MS'>,
    metrics = new AxisMetrics('gateway'),
  ) {
    const config = { INBOX_PAGE_LIMIT_MAX: 200, INBOX_WAIT_MAX_SECONDS: 30, ...intervals };
    return new ListInboxUseCase(
      new InboxRepository(dataSource),
      source,
      metrics,
      config as GatewayConfig,
    );
  }

  /** Pauses of the poll that a wake-up ended (docaxis_inbox_wakeups_total of its own metrics). */
  async function wakeupsOf(metrics: AxisMetrics): Promise<number> {
    return (await metrics.inboxWakeups.get()).values[0]?.value ?? 0;
  }

  /** The inbox queries made since `from` (the statements recorded on the pool). */
  const inboxQueries = (from: number) =>
    statements.slice(from).filter((sql) => sql.includes('AS notice_request_digest')).length;

  /** The cursor at the end of `agency`'s inbox as it is now. */
  async function endOfInbox(agency: string): Promise<string | undefined> {
    const page = await useCase(wakeups, NEVER).execute(agency, { limit: '200' });
    return page.nextCursor ?? undefined;
  }

  /**
   * Queues and delivers a new dispatch to `recipient` (its own statement on the pool), then
   * announces it as the router does once it has committed.
   */
  async function deliverTo(recipient: string): Promise<string> {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'queued')`,
      [id, recipient],
    );
    expect(await dispatches.deliver(deliveryOf(id, recipient))).not.toBeNull();
    await announcer.announce([recipient]);
    return id;
  }

  /** Starts a long-poll for `agency` after the end of its inbox; resolves with what it got. */
  async function waitingPoll(
    source: InboxWakeups,
    agency: string,
    wait: number,
    intervals = NEVER,
  ) {
    const cursor = await endOfInbox(agency);
    const from = statements.length;
    const startedAt = Date.now();
    const metrics = new AxisMetrics('gateway');
    const { source: watched, paused } = signallingFirstPause(source);
    const page = useCase(watched, intervals, metrics)
      .execute(agency, { cursor, wait: String(wait) })
      .then(async (result) => ({
        ...result,
        answeredAt: Date.now(),
        queries: inboxQueries(from),
        wakeups: await wakeupsOf(metrics),
      }));
    // Its first look answered (empty) and it is in its pause: a delivery committed now can only
    // reach it by a wake-up. (Its first query merely sent is not enough: a delivery committing
    // before that query's snapshot is found by the look itself, with no wake-up to count.)
    await paused;
    return { page, startedAt };
  }

  /** `source` as one poll sees it, resolving `paused` when that poll begins its first pause. */
  function signallingFirstPause(source: InboxWakeups): {
    source: InboxWakeups;
    paused: Promise<void>;
  } {
    let pausing: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (pausing = resolve));
    // Everything else (listening, stop, …) is the source's own, through the prototype.
    const watched = Object.create(source) as InboxWakeups;
    watched.subscribe = (agency) => {
      const wakeup = source.subscribe(agency);
      const next = wakeup.next.bind(wakeup);
      return Object.assign(wakeup, {
        next: (ms: number, signal?: AbortSignal) => {
          const woken = next(ms, signal);
          pausing();
          return woken;
        },
      });
    };
    return { source: watched, paused };
  }

  /**
   * A 20-second poll for WAITER, answered by a delivery to it: its one pause was ended by the
   * wake-up, and it looked once more. Counted, not timed, so a loaded machine cannot fail it: with
   * a safety interval (10 min) beyond the wait (20 s), a poll that was not woken looks no more and
   * answers empty when the wait ends.
   */
  async function expectWokenByDelivery(): Promise<void> {
    const { page } = await waitingPoll(wakeups, WAITER, 20);
    const dispatchId = await deliverTo(WAITER);
    const result = await page;
    expect(result.items.map((item) => item.dispatchId)).toEqual([dispatchId]);
    expect(result.wakeups).toBe(1);
    expect(result.queries).toBe(2);
  }

  it('answers as soon as a delivery to its agency commits elsewhere, with one more query', async () => {
    await expectWokenByDelivery();
  });

  it('is woken by a status notice delivered to its agency too', async () => {
    const dispatchId = await deliverTo(OTHER);
    const { page } = await waitingPoll(wakeups, SENDER, 20);
    const notice = newStatusNotice({
      dispatchId,
      recipientCode: OTHER,
      authorCode: OTHER,
      addresseeCode: SENDER,
      statusCode: '01',
    });
    await dataSource.transaction((m) => insertStatusNotice(m, notice));
    expect(await deliverStatusNotice(dataSource, notice.id, `msg-${notice.id}`)).not.toBeNull();
    await announcer.announce([SENDER]);
    const result = await page;
    expect(result.items.map((item) => item.kind)).toEqual(['status']);
    expect(result.queries).toBe(2);
  });

  it('is not woken by a delivery to another agency, and looks once in an idle wait=1 (5 times before)', async () => {
    const { page, startedAt } = await waitingPoll(wakeups, WAITER, 1);
    await deliverTo(OTHER);
    const result = await page;
    expect(result.items).toEqual([]);
    expect(result.answeredAt - startedAt).toBeGreaterThanOrEqual(990);
    expect(result.wakeups).toBe(0);
    expect(result.queries).toBe(1);
  });

  it('without a listener polls every INBOX_WAIT_POLL_MS, as before: 5 queries in an idle wait=1', async () => {
    // Never started, so never listening: every pause is the quick one.
    const deaf = new InboxWakeups({ url: 'postgres://postgres@127.0.0.1:1/none' });
    const pauses = pausesOf(deaf);
    const cursor = await endOfInbox(WAITER);
    const from = statements.length;
    // Virtual time (only Date and timeouts; the queries' I/O stays real): each pause ends when
    // the test moves the clock over it, so the count is exact however slowly a loaded machine
    // queries or fires timers.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'hrtime',
        'performance',
      ],
    });
    try {
      const intervals = { INBOX_WAIT_POLL_MS: 250, INBOX_WAIT_SAFETY_POLL_MS: 600_000 };
      const answered = useCase(deaf, intervals)
        .execute(WAITER, { cursor, wait: '1' })
        .then((page) => ({ page }));
      for (;;) {
        const next = await Promise.race([pauses.started(), answered]);
        if ('page' in next) break;
        jest.advanceTimersByTime(next.ms);
      }
      expect((await answered).page.items).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
    // A look at 0, 250, 500, 750 and 1000 ms (the last at the deadline, since nothing was heard).
    expect(pauses.all).toEqual([250, 250, 250, 250]);
    expect(inboxQueries(from)).toBe(5);
  });

  /**
   * Records the pauses of the polls waiting on `source` and tells `started` each one's length.
   * A poll pauses again only after its previous pause ended, when the test moved the clock and
   * then called `started` again, so no start goes untold.
   */
  function pausesOf(source: InboxWakeups) {
    const all: number[] = [];
    let tell: (pause: { ms: number }) => void = () => undefined;
    const subscribe = source.subscribe.bind(source);
    jest.spyOn(source, 'subscribe').mockImplementation((agency) => {
      const wakeup = subscribe(agency);
      const next = wakeup.next.bind(wakeup);
      return Object.assign(wakeup, {
        next: (ms: number, signal?: AbortSignal) => {
          all.push(ms);
          const woken = next(ms, signal);
          tell({ ms });
          return woken;
        },
      });
    });
    return {
      all,
      started: () => new Promise<{ ms: number }>((resolve) => (tell = resolve)),
    };
  }

  it('recovers a dropped listening connection, and wakes later waiters', async () => {
    const before = await listenerPids();
    await terminateListeners();
    // Back: a new listening backend, and LISTEN done on it.
    await waitFor(
      async () => ({ pids: await listenerPids(), listening: wakeups.listening }),
      ({ pids, listening }) => listening && pids.some((pid) => !before.includes(pid)),
      'the listener back',
    );
    await expectWokenByDelivery();
  });

  it('wakes the waiters of every gateway instance (each listens on its own connection)', async () => {
    const otherInstance = await listening({ reconnect: { initialMs: 100, maxMs: 100 } });
    const here = await waitingPoll(wakeups, WAITER, 20);
    const there = await waitingPoll(otherInstance, WAITER, 20);
    const dispatchId = await deliverTo(WAITER);
    for (const result of await Promise.all([here.page, there.page])) {
      expect(result.items.map((item) => item.dispatchId)).toEqual([dispatchId]);
      // Woken, not timed out (as expectWokenByDelivery; the statements of the two polls mix).
      expect(result.wakeups).toBe(1);
    }
  });

  it('misses nothing while the connection is down: it polls until the listener is back', async () => {
    const slow = await listening({ reconnect: { initialMs: 60_000, maxMs: 60_000 } });
    const { page } = await waitingPoll(slow, WAITER, 20, {
      INBOX_WAIT_POLL_MS: 100,
      INBOX_WAIT_SAFETY_POLL_MS: 600_000,
    });
    await terminateListeners();
    await waitFor(
      () => Promise.resolve(slow.listening),
      (up) => !up,
      'the lost listener noticed',
    );
    const dispatchId = await deliverTo(WAITER);
    const result = await page;
    expect(result.items.map((item) => item.dispatchId)).toEqual([dispatchId]);
    // Found by the quick poll: this listener does not reconnect for a minute.
    expect(slow.listening).toBe(false);
  });

  async function listenerPids(): Promise<number[]> {
    const rows: { pid: number }[] = await dataSource.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'docaxis-inbox-listener'`,
    );
    return rows.map((row) => row.pid);
  }

  async function terminateListeners(): Promise<void> {
    const [{ count }]: { count: number }[] = await dataSource.query(
      `SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'docaxis-inbox-listener'`,
    );
    expect(count).toBeGreaterThan(0);
  }
});

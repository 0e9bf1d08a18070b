import { Logger } from '@nestjs/common';
import { DatabaseOutageGate } from '@docaxis/testing/database-outage-gate';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { NotificationListener } from './notification-listener';

/**
 * The listener's reconnection waits, on a virtual clock (jest's fake timers), against a real
 * outage: PostgreSQL behind a gate that drops connections. The timers are virtual, the sockets
 * real, so each attempt is counted where it arrives (the gate), not inferred from the code.
 */
describe('NotificationListener: reconnecting with exponential backoff (virtual clock, real outage)', () => {
  let gate: DatabaseOutageGate;
  let listener: NotificationListener;
  let warned: string[];
  const events: string[] = [];

  beforeAll(async () => {
    gate = await DatabaseOutageGate.start(await createTestDatabase('listener-backoff'), {
      open: false,
    });
  });

  afterAll(async () => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    await listener?.stop();
    await gate.stop();
  });

  /**
   * Lets real I/O run (timers stay virtual) until `done`, within 45 s of real time (a connection
   * attempt through the gate, or LISTEN on a real one, can take seconds on a loaded machine).
   */
  async function untilReal(done: () => boolean, what: string): Promise<void> {
    const deadline = performance.now() + 45_000;
    while (!done()) {
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  const lastWait = () => Number(/connecting again in (\d+) ms/.exec(warned.at(-1) ?? '')?.[1]);

  /**
   * The listener is waiting `expected` ms of virtual time before its next attempt: nothing
   * reaches the gate 1 ms before, the attempt does at that instant, and it fails again.
   */
  async function expectNextAttemptAfter(expected: number): Promise<void> {
    expect(lastWait()).toBe(expected);
    const attempts = gate.accepted;
    const failures = warned.length;
    jest.advanceTimersByTime(expected - 1);
    // Still waiting: its one timer is pending and nothing connected.
    expect(jest.getTimerCount()).toBe(1);
    expect(gate.accepted).toBe(attempts);
    jest.advanceTimersByTime(1);
    await untilReal(() => gate.accepted === attempts + 1, 'the next attempt');
    await untilReal(() => warned.length === failures + 1, 'the attempt to fail');
  }

  it('waits 100, 200, 400, 800, 800 ms between failing attempts, then 100 again after a success', async () => {
    jest.useFakeTimers({
      doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask', 'performance'],
    });
    warned = [];
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warned.push(String(message)));
    listener = new NotificationListener(
      {
        url: gate.url,
        channel: 'docaxis_backoff_spec',
        applicationName: 'docaxis-backoff-spec',
        reconnect: { initialMs: 100, maxMs: 800 },
        // The top of each jittered range, so the waits are exact.
        random: () => 1,
      },
      {
        notified: () => undefined,
        listening: () => events.push('listening'),
        lost: () => events.push('lost'),
      },
    );
    await listener.start();
    await untilReal(() => warned.length === 1, 'the first attempt to fail');
    expect(gate.accepted).toBe(1);
    expect(listener.listening).toBe(false);

    for (const wait of [100, 200, 400, 800]) await expectNextAttemptAfter(wait);
    expect(lastWait()).toBe(800);
    expect(gate.accepted).toBe(5);

    // PostgreSQL is back: the next attempt listens.
    gate.reopen();
    jest.advanceTimersByTime(800);
    await untilReal(() => listener.listening, 'listening');
    expect(events).toEqual(['listening']);

    // A new outage starts from the initial wait again.
    gate.close();
    await untilReal(() => events.length === 2, 'the connection lost');
    expect(events).toEqual(['listening', 'lost']);
    await untilReal(() => !Number.isNaN(lastWait()) && warned.length === 6, 'the loss logged');
    await expectNextAttemptAfter(100);
    expect(lastWait()).toBe(200);
  });
});

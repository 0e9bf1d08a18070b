import { QueryFailedError } from 'typeorm';
import type { AppendResult } from './audit-appender.service';
import { AuditBatcher, type AuditEventSink } from './audit-batcher';
import type { AuditEventInput } from './audit-event-input';
import { AuditEventInvalidError } from './audit-event-invalid.error';

function event(id: string): AuditEventInput {
  return {
    eventId: id,
    eventType: 'dispatch.submitted',
    occurredAt: new Date('2026-03-12T08:00:00Z'),
    dispatchId: null,
    senderCode: null,
    recipientCode: null,
    actor: null,
    payload: {},
  };
}

/** A sink that records its batches and commits only when the test says so. */
class ControlledSink implements AuditEventSink {
  batches: string[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  private releases: Array<() => void> = [];
  failWith: ((ids: string[]) => Error | null) | null = null;
  autoCommit = false;
  private seq = 0;

  async append(events: readonly AuditEventInput[]): Promise<AppendResult> {
    const ids = events.map((e) => e.eventId);
    this.batches.push(ids);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (!this.autoCommit) await new Promise<void>((resolve) => this.releases.push(resolve));
      const failure = this.failWith?.(ids);
      if (failure) throw failure;
      return {
        outcomes: ids.map((eventId) => ({
          eventId,
          status: 'recorded' as const,
          seq: ++this.seq,
          hash: 'h',
        })),
        recorded: ids.length,
        head: { seq: this.seq, hash: 'h' },
      };
    } finally {
      this.inFlight -= 1;
    }
  }

  commitNext(): void {
    this.releases.shift()?.();
  }
}

const settled = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('AuditBatcher', () => {
  it('writes a full batch at once and settles each event only after its batch committed', async () => {
    const sink = new ControlledSink();
    const batcher = new AuditBatcher(sink, { maxEvents: 3, maxWaitMs: 10_000 });
    const states: string[] = [];
    const submitted = ['a', 'b', 'c'].map((id) =>
      batcher
        .submit(event(id))
        .then((outcome) => states.push(`${outcome.eventId}:${outcome.status}`)),
    );
    await settled();
    expect(sink.batches).toEqual([['a', 'b', 'c']]);
    expect(states).toEqual([]); // not committed yet: nothing may be acknowledged
    sink.commitNext();
    await Promise.all(submitted);
    expect(states).toEqual(['a:recorded', 'b:recorded', 'c:recorded']);
  });

  it('writes a partial batch once its oldest event has waited maxWaitMs', async () => {
    // Fake clock: whether the batch waited is decided by the timer, not by how fast a loaded
    // machine runs the microtasks in between (a real 40 ms wait raced them, and lost on CI).
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const sink = new ControlledSink();
      sink.autoCommit = true;
      const batcher = new AuditBatcher(sink, { maxEvents: 100, maxWaitMs: 40 });
      const outcome = batcher.submit(event('a'));
      await settled();
      jest.advanceTimersByTime(39);
      await settled();
      expect(sink.batches).toEqual([]);
      jest.advanceTimersByTime(1);
      await expect(outcome).resolves.toMatchObject({ eventId: 'a', status: 'recorded', seq: 1 });
      expect(sink.batches).toEqual([['a']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps one append in flight; events arriving meanwhile form the next batches', async () => {
    const sink = new ControlledSink();
    const batcher = new AuditBatcher(sink, { maxEvents: 2, maxWaitMs: 30 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => batcher.submit(event(id)));
    await settled();
    expect(sink.batches).toEqual([['a', 'b']]);
    sink.commitNext();
    await settled();
    expect(sink.batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    sink.commitNext();
    while (sink.batches.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    sink.commitNext();
    await Promise.all(all);
    expect(sink.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(sink.maxInFlight).toBe(1);
  });

  it('isolates a poisonous event: its batch is retried one by one and only it fails', async () => {
    const sink = new ControlledSink();
    sink.autoCommit = true;
    const poison = new AuditEventInvalidError('bad', 'eventType', 'is too long');
    sink.failWith = (ids) => (ids.includes('bad') ? poison : null);
    const batcher = new AuditBatcher(sink, { maxEvents: 3, maxWaitMs: 5 });
    const results = await Promise.allSettled(
      ['a', 'bad', 'c'].map((id) => batcher.submit(event(id))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBe(poison);
    expect(sink.batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('treats a database data error (SQLSTATE 22/23) as poisonous too', async () => {
    const sink = new ControlledSink();
    sink.autoCommit = true;
    sink.failWith = (ids) =>
      ids.includes('bad')
        ? new QueryFailedError(
            'INSERT',
            [],
            Object.assign(new Error('value too long'), { code: '22001' }),
          )
        : null;
    const batcher = new AuditBatcher(sink, { maxEvents: 2, maxWaitMs: 5 });
    const results = await Promise.allSettled(['a', 'bad'].map((id) => batcher.submit(event(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('fails the whole batch at once when the database is unavailable (no per-event retry storm)', async () => {
    const sink = new ControlledSink();
    sink.autoCommit = true;
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    sink.failWith = () => down;
    const batcher = new AuditBatcher(sink, { maxEvents: 3, maxWaitMs: 5 });
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((id) => batcher.submit(event(id))),
    );
    expect(results.map((r) => (r as PromiseRejectedResult).reason as unknown)).toEqual([
      down,
      down,
      down,
    ]);
    expect(sink.batches).toEqual([['a', 'b', 'c']]);
  });

  it('on stop, writes what it accepted, then refuses new events', async () => {
    const sink = new ControlledSink();
    sink.autoCommit = true;
    const batcher = new AuditBatcher(sink, { maxEvents: 2, maxWaitMs: 60_000 });
    const accepted = ['a', 'b', 'c'].map((id) => batcher.submit(event(id)));
    await batcher.stop();
    await expect(Promise.all(accepted)).resolves.toHaveLength(3);
    expect(sink.batches).toEqual([['a', 'b'], ['c']]);
    expect(batcher.backlog).toBe(0);
    await expect(batcher.submit(event('d'))).rejects.toMatchObject({
      code: 'AUDIT_RECORDER_STOPPED',
    });
  });
});

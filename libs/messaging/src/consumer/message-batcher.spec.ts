import { AsyncLocalStorage } from 'node:async_hooks';
import { MessageBatcher } from './message-batcher';

describe('MessageBatcher', () => {
  const recording = (overrides: { lingerMs?: number; maxSize?: number } = {}) => {
    const batches: number[][] = [];
    const alone: number[] = [];
    const batcher = new MessageBatcher<number>({
      maxSize: overrides.maxSize ?? 3,
      lingerMs: overrides.lingerMs ?? 60_000,
      handleBatch: (items) => {
        batches.push([...items]);
        return Promise.resolve();
      },
      handleOne: (item) => {
        alone.push(item);
        return Promise.resolve();
      },
    });
    return { batcher, batches, alone };
  };

  it('handles a full batch at once, without waiting for the linger, and starts the next one', async () => {
    const { batcher, batches } = recording({ maxSize: 3 });
    await Promise.all([1, 2, 3, 4, 5, 6].map((item) => batcher.submit(item)));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('waits the linger for company, then handles a lone item on its own', async () => {
    const { batcher, batches, alone } = recording({ lingerMs: 20 });
    const started = Date.now();
    await batcher.submit(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(alone).toEqual([7]);
    expect(batches).toEqual([]);
  });

  it('with no linger still gathers what is submitted in the same turn of the event loop', async () => {
    const { batcher, batches } = recording({ lingerMs: 0, maxSize: 10 });
    await Promise.all([1, 2, 3].map((item) => batcher.submit(item)));
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('after a failed batch, handles each item alone in the async context it was submitted in, failing only its own', async () => {
    const context = new AsyncLocalStorage<string>();
    const seen: string[] = [];
    const batcher = new MessageBatcher<number>({
      maxSize: 3,
      lingerMs: 60_000,
      handleBatch: () => Promise.reject(new Error('batch failed')),
      handleOne: (item) => {
        seen.push(`${item}:${context.getStore()}`);
        // Thrown before any await: still only this item's failure.
        if (item === 2) throw new Error('bad item');
        return Promise.resolve();
      },
    });
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((item) => context.run(`message-${item}`, () => batcher.submit(item))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(seen.sort()).toEqual(['1:message-1', '2:message-2', '3:message-3']);
  });

  it('refuses a batch size below one', () => {
    expect(() => recording({ maxSize: 0 })).toThrow(RangeError);
  });
});

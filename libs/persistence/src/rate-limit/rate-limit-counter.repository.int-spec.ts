import { DataSource } from 'typeorm';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { RateLimitCounterRepository } from './rate-limit-counter.repository';

const MINUTE = 60_000;

describe('RateLimitCounterRepository: counters shared by every gateway instance (real PostgreSQL)', () => {
  // Two connection pools on one database: two gateway instances.
  let first: DataSource;
  let second: DataSource;
  let one: RateLimitCounterRepository;
  let other: RateLimitCounterRepository;

  beforeAll(async () => {
    const url = await createTestDatabase('rate_limits');
    first = new DataSource(dataSourceOptions({ url, poolSize: 8 }));
    second = new DataSource(dataSourceOptions({ url, poolSize: 8 }));
    await Promise.all([first.initialize(), second.initialize()]);
    one = new RateLimitCounterRepository(first);
    other = new RateLimitCounterRepository(second);
  });

  afterAll(async () => {
    await Promise.all([first?.destroy(), second?.destroy()]);
  });

  const hit = (repository: RateLimitCounterRepository, key: string, limit = 3, blockMs = MINUTE) =>
    repository.hit({ key, windowMs: MINUTE, limit, blockMs });

  it('counts one budget per key across instances, and blocks the hit that goes over it', async () => {
    const counts = [];
    for (const repository of [one, other, one, other]) counts.push(await hit(repository, 'a'));
    expect(counts.map((count) => count.hits)).toEqual([1, 2, 3, 4]);
    expect(counts.slice(0, 3).every((count) => count.blockRemainingMs === 0)).toBe(true);
    expect(counts[3].blockRemainingMs).toBeGreaterThan(MINUTE - 5_000);
    expect(counts[3].blockRemainingMs).toBeLessThanOrEqual(MINUTE);
    expect(counts[0].windowRemainingMs).toBeGreaterThan(MINUTE - 5_000);
    // Still blocked on the other instance; another key is not.
    expect((await hit(one, 'a')).blockRemainingMs).toBeGreaterThan(0);
    expect(await hit(other, 'b')).toMatchObject({ hits: 1, blockRemainingMs: 0 });
  });

  it('lets exactly `limit` of many concurrent hits from two instances through', async () => {
    const limit = 20;
    const counts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => hit(i % 2 ? one : other, 'concurrent', limit)),
    );
    expect(counts.filter((count) => count.blockRemainingMs === 0)).toHaveLength(limit);
    expect(counts.map((count) => count.hits).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });

  it('starts a new window once the window, or the block, has ended', async () => {
    await hit(one, 'window');
    await hit(one, 'window');
    await first.query(
      `UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second' WHERE key = 'window'`,
    );
    expect(await hit(other, 'window')).toMatchObject({ hits: 1, blockRemainingMs: 0 });

    for (let i = 0; i < 4; i++) await hit(one, 'blocked');
    // The window ended but the block has not: still refused.
    await first.query(
      `UPDATE rate_limit_counters SET window_ends_at = now() - interval '1 second' WHERE key = 'blocked'`,
    );
    expect((await hit(other, 'blocked')).blockRemainingMs).toBeGreaterThan(0);
    await first.query(
      `UPDATE rate_limit_counters SET blocked_until = now() - interval '1 second' WHERE key = 'blocked'`,
    );
    expect(await hit(other, 'blocked')).toMatchObject({ hits: 1, blockRemainingMs: 0 });
  });

  it('without a block duration, refuses nothing itself: the hits over the limit tell', async () => {
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push(await hit(one, 'no-block', 3, 0));
    expect(counts.map((count) => [count.hits, count.blockRemainingMs])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 0],
    ]);
  });
});

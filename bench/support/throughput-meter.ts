import { performance } from 'node:perf_hooks';

export interface Throughput {
  iterations: number;
  elapsedSeconds: number;
  perSecond: number;
}

/**
 * Runs `operation` back to back for `seconds` (after a short warm-up, so the JIT and caches are
 * settled) and counts completions. Only awaits when the operation returns a promise, so a
 * synchronous baseline does not pay for microtask hops the real thing may not have.
 */
export async function measureThroughput(
  operation: () => unknown,
  seconds: number,
): Promise<Throughput> {
  const warmUpMs = Math.min(500, seconds * 200);
  const warmUpStart = performance.now();
  do await settle(operation());
  while (performance.now() - warmUpStart < warmUpMs);

  let iterations = 0;
  const start = performance.now();
  let elapsedMs: number;
  do {
    await settle(operation());
    iterations++;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < seconds * 1000);
  return {
    iterations,
    elapsedSeconds: elapsedMs / 1000,
    perSecond: iterations / (elapsedMs / 1000),
  };
}

function settle(result: unknown): unknown {
  return result instanceof Promise ? result : undefined;
}

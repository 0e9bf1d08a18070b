import { performance } from 'node:perf_hooks';

export interface Throughput {
  iterations: number;
  elapsedSeconds: number;
  perSecond: number;
  /** CPU time of the whole process (all threads: GC helpers too) per completed operation. */
  cpuMsPerOperation: number;
}

export interface MeasureOptions {
  /** Warm-up before counting; min(500 ms, 20 % of the measurement) by default. */
  warmUpMs?: number;
}

/**
 * Runs `operation` back to back for `seconds` (after a short warm-up, so the JIT and caches are
 * settled) and counts completions. Only awaits when the operation returns a promise, so a
 * synchronous baseline does not pay for microtask hops the real thing may not have.
 */
export async function measureThroughput(
  operation: () => unknown,
  seconds: number,
  options: MeasureOptions = {},
): Promise<Throughput> {
  const warmUpMs = options.warmUpMs ?? Math.min(500, seconds * 200);
  const warmUpStart = performance.now();
  do await settle(operation());
  while (performance.now() - warmUpStart < warmUpMs);

  let iterations = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let elapsedMs: number;
  do {
    await settle(operation());
    iterations++;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < seconds * 1000);
  const cpu = process.cpuUsage(cpuStart);
  return {
    iterations,
    elapsedSeconds: elapsedMs / 1000,
    perSecond: iterations / (elapsedMs / 1000),
    cpuMsPerOperation: (cpu.user + cpu.system) / 1000 / iterations,
  };
}

/**
 * Measures two operations for `seconds` each, in alternating slices (first, second, first, …),
 * so that a change of load on a shared machine hits both alike: their ratio is what matters,
 * and two back-to-back measurements of a few seconds each swung it by ±30 %.
 */
export async function measureAlternating(
  first: () => unknown,
  second: () => unknown,
  seconds: number,
  slices: number,
): Promise<[Throughput, Throughput]> {
  const sliceSeconds = seconds / slices;
  const totals: [Throughput[], Throughput[]] = [[], []];
  for (let slice = 0; slice < slices; slice++) {
    // A full warm-up before the first slice of each; later slices only re-enter their loop.
    const warmUpMs = slice === 0 ? undefined : 0;
    totals[0].push(await measureThroughput(first, sliceSeconds, { warmUpMs }));
    totals[1].push(await measureThroughput(second, sliceSeconds, { warmUpMs }));
  }
  return [combined(totals[0]), combined(totals[1])];
}

function combined(parts: readonly Throughput[]): Throughput {
  const iterations = parts.reduce((sum, part) => sum + part.iterations, 0);
  const elapsedSeconds = parts.reduce((sum, part) => sum + part.elapsedSeconds, 0);
  const cpuMs = parts.reduce((sum, part) => sum + part.cpuMsPerOperation * part.iterations, 0);
  return {
    iterations,
    elapsedSeconds,
    perSecond: iterations / elapsedSeconds,
    cpuMsPerOperation: cpuMs / iterations,
  };
}

function settle(result: unknown): unknown {
  return result instanceof Promise ? result : undefined;
}

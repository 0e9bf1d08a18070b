import { performance } from 'node:perf_hooks';

/**
 * The time a load run reads and waits on: the real one for the bench; specs pass a virtual one,
 * whose time moves only when something waits, so what they assert on times does not depend on
 * how loaded the machine is.
 */
export interface LoadClock {
  /** Milliseconds, from an arbitrary origin. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realLoadClock: LoadClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

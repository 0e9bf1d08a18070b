/**
 * Polls `probe` until `done` holds for its result; fails with the last result when time runs out.
 * The default (45 s, under jest's test timeout so this message is the one that shows) allows
 * for a loaded machine: a first verification alone took 16 s at load ~20, and waiting longer
 * costs nothing when the condition comes true.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}; last seen: ${JSON.stringify(last, null, 1).slice(0, 2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await probe();
  }
  return last;
}

/** One app's memory over the soak: [seconds since the soak started, bytes] every sample. */
export type MemorySeries = readonly (readonly [number, number])[];

export interface MemoryGrowth {
  /** Mean of the samples in the window the growth is measured from (the floor: its minimum). */
  firstBytes: number;
  /** Mean of the last tenth of the samples (the floor: the last minute's minimum). */
  lastBytes: number;
  growth: number;
}

/** From the first tenth of the samples to the last tenth (warm-up included). */
export function wholeSoakGrowth(series: MemorySeries): MemoryGrowth {
  return growthFrom(series, 0);
}

/**
 * From the tenth that starts halfway through the soak to the last tenth: what the first half
 * leaves out is warm-up (V8 growing its heap to a steady size, JIT code, pools and buffers filling
 * up), which a leak does not need to show itself; memory that keeps growing over the second half
 * grows without bound.
 */
export function secondHalfGrowth(series: MemorySeries): MemoryGrowth {
  return growthFrom(series, Math.floor(series.length / 2));
}

function growthFrom(series: MemorySeries, start: number): MemoryGrowth {
  const tenth = Math.max(1, Math.floor(series.length / 10));
  const mean = (samples: MemorySeries) =>
    samples.reduce((sum, [, bytes]) => sum + bytes, 0) / Math.max(1, samples.length);
  const firstBytes = mean(series.slice(start, start + tenth));
  const lastBytes = mean(series.slice(-tenth));
  return { firstBytes, lastBytes, growth: firstBytes > 0 ? lastBytes / firstBytes - 1 : 0 };
}

/** Windows shorter than a minute can hold no collection at all, and their minimum is no floor. */
export const FLOOR_WINDOW_SECONDS = 60;

/**
 * The floor of RSS over the second half: the lowest sample of each whole minute, from the first
 * such minute to the last. Between full collections V8's old generation holds garbage, so RSS
 * climbs and falls back (a sawtooth whose teeth can be 100 MiB tall); where the last tenth lands
 * on a tooth decides the mean-based growth. What a leak keeps is never collected, so it lifts
 * every minute's lowest point, and the floor shows it whatever the teeth do. Null when the
 * second half holds fewer than two whole minutes.
 */
export function secondHalfFloorGrowth(series: MemorySeries): MemoryGrowth | null {
  if (series.length === 0) return null;
  const half = series.slice(Math.floor(series.length / 2));
  const start = half[0][0];
  const minima = new Map<number, number>();
  for (const [seconds, bytes] of half) {
    const window = Math.floor((seconds - start) / FLOOR_WINDOW_SECONDS);
    minima.set(window, Math.min(bytes, minima.get(window) ?? Infinity));
  }
  // The last window is whole only if the series reaches its end.
  const lastSecond = half[half.length - 1][0];
  const whole = [...minima.keys()].filter(
    // A second of slack: samples are a second apart, so a whole minute spans 59 s between them.
    (window) => (window + 1) * FLOOR_WINDOW_SECONDS <= lastSecond - start + 1,
  );
  if (whole.length < 2) return null;
  const firstBytes = minima.get(Math.min(...whole))!;
  const lastBytes = minima.get(Math.max(...whole))!;
  return { firstBytes, lastBytes, growth: firstBytes > 0 ? lastBytes / firstBytes - 1 : 0 };
}

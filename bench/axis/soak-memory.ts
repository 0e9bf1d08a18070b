/** One app's memory over the soak: [seconds since the soak started, bytes] every sample. */
export type MemorySeries = readonly (readonly [number, number])[];

export interface MemoryGrowth {
  /** Mean of the samples in the window the growth is measured from. */
  firstBytes: number;
  /** Mean of the last tenth of the samples. */
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

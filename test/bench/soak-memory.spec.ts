import { secondHalfGrowth, wholeSoakGrowth } from '../../bench/axis/soak-memory';

describe('the soak’s memory growth', () => {
  // 100 samples: warm-up from 100 to 150 over the first 40, flat after.
  const warmingUp = Array.from(
    { length: 100 },
    (_, i) => [i, 100 + Math.min(i, 40) * 1.25] as const,
  );
  // Grows by 1 every sample, start to end.
  const leaking = Array.from({ length: 100 }, (_, i) => [i, 100 + i] as const);

  it('counts warm-up as growth over the whole soak', () => {
    expect(wholeSoakGrowth(warmingUp).growth).toBeGreaterThan(0.4);
  });

  it('leaves warm-up out over the second half', () => {
    const growth = secondHalfGrowth(warmingUp);
    expect(growth.firstBytes).toBe(150);
    expect(growth.lastBytes).toBe(150);
    expect(growth.growth).toBe(0);
  });

  it('still sees memory that keeps growing over the second half', () => {
    // Tenth from sample 50 (mean 154.5) to the last tenth (mean 194.5).
    expect(secondHalfGrowth(leaking).growth).toBeCloseTo(194.5 / 154.5 - 1, 6);
  });

  it('reports no growth rather than dividing by zero without samples', () => {
    expect(secondHalfGrowth([]).growth).toBe(0);
  });
});

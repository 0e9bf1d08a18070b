import {
  secondHalfFloorGrowth,
  secondHalfGrowth,
  wholeSoakGrowth,
} from '../../bench/axis/soak-memory';

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

  describe('the floor over the second half', () => {
    const MiB = 2 ** 20;
    // 600 samples a second apart (second half: 300–599, five whole minutes): a floor at
    // 250 MiB, garbage piling up 2 MiB a second until a full collection every 50 s (teeth up to
    // 348 MiB), plus `leak` MiB a second that no collection frees.
    const sawtooth = (leakMiBPerSecond: number) =>
      Array.from(
        { length: 600 },
        (_, i) => [i, (250 + 2 * (i % 50) + leakMiBPerSecond * i) * MiB] as const,
      );

    it('does not count the teeth: the last tenth high on a tooth, the floor flat', () => {
      // The second half's first tenth (300–359) starts at a collection, its last (540–599)
      // ten seconds before one: the means grow, though nothing is kept.
      const series = sawtooth(0);
      expect(secondHalfGrowth(series).growth).toBeGreaterThan(0.02);
      const floor = secondHalfFloorGrowth(series)!;
      expect(floor.firstBytes).toBe(250 * MiB);
      expect(floor.lastBytes).toBe(250 * MiB);
      expect(floor.growth).toBe(0);
    });

    it('sees a leak under the teeth', () => {
      // 0.1 MiB a second kept: the first whole minute's lowest point is the collection at 300 s
      // (250 + 30 MiB), the last's the one at 550 s (250 + 55 MiB).
      const floor = secondHalfFloorGrowth(sawtooth(0.1))!;
      expect(floor.firstBytes / MiB).toBeCloseTo(280, 6);
      expect(floor.lastBytes / MiB).toBeCloseTo(305, 6);
      expect(floor.growth).toBeCloseTo(305 / 280 - 1, 6);
    });

    it('has no floor when the second half holds fewer than two whole minutes', () => {
      const short = Array.from({ length: 200 }, (_, i) => [i, 100 * MiB] as const);
      expect(secondHalfFloorGrowth(short)).toBeNull();
      expect(secondHalfFloorGrowth([])).toBeNull();
    });

    it('leaves out a last minute the soak did not finish, whose lowest point may miss a collection', () => {
      // 590 samples: the second half runs 295–589, four whole minutes (295–534) and 55 s of a
      // fifth, all of it high: counted, it would read as 100 % growth.
      const series = Array.from(
        { length: 590 },
        (_, i) => [i, (i >= 535 ? 200 : 100) * MiB] as const,
      );
      const floor = secondHalfFloorGrowth(series)!;
      expect(floor.lastBytes).toBe(100 * MiB);
      expect(floor.growth).toBe(0);
    });
  });
});

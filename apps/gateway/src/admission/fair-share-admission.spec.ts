import { backlogSample, refusalUnderFairShare } from './fair-share-admission';

const BUSY = '000.00.00.G22';
const SMALL = '000.00.00.H41';
const OTHER = '000.00.00.A01';
const pending = (counts: Record<string, number>) => backlogSample(new Map(Object.entries(counts)));

describe('refusalUnderFairShare', () => {
  it('admits everyone at or below the limit, however the backlog is split', () => {
    expect(refusalUnderFairShare(pending({}), BUSY, 10)).toBeUndefined();
    expect(refusalUnderFairShare(pending({ [BUSY]: 10 }), BUSY, 10)).toBeUndefined();
    expect(refusalUnderFairShare(pending({ [BUSY]: 9, [SMALL]: 1 }), BUSY, 10)).toBeUndefined();
  });

  it('over the limit refuses the agency that filled it, and admits one with nothing waiting', () => {
    const backlog = pending({ [BUSY]: 11 });
    expect(refusalUnderFairShare(backlog, BUSY, 10)).toEqual({
      backlog: 11,
      pending: 11,
      fairShare: 10,
    });
    expect(refusalUnderFairShare(backlog, SMALL, 10)).toBeUndefined();
  });

  it('shares the limit between the agencies waiting: below its share an agency gets in, at it not', () => {
    // Two agencies waiting: a share of 5 each.
    expect(refusalUnderFairShare(pending({ [BUSY]: 11, [SMALL]: 4 }), SMALL, 10)).toBeUndefined();
    expect(refusalUnderFairShare(pending({ [BUSY]: 11, [SMALL]: 5 }), SMALL, 10)).toEqual({
      backlog: 16,
      pending: 5,
      fairShare: 5,
    });
    // Three: ⌊10 ÷ 3⌋ = 3.
    expect(
      refusalUnderFairShare(pending({ [BUSY]: 11, [SMALL]: 3, [OTHER]: 1 }), SMALL, 10),
    ).toMatchObject({ pending: 3, fairShare: 3 });
  });

  it('gives every agency a share of at least 1, so a newcomer still gets one dispatch in', () => {
    const crowd = pending({ [BUSY]: 5, [SMALL]: 1, [OTHER]: 1 });
    expect(refusalUnderFairShare(crowd, SMALL, 2)).toEqual({
      backlog: 7,
      pending: 1,
      fairShare: 1,
    });
    expect(refusalUnderFairShare(crowd, '000.00.00.B02', 2)).toBeUndefined();
  });
});

import { judgeRevocationTiming } from './revocation-time-rule';

const T = new Date('2026-11-01T10:00:00Z');
const later = new Date('2026-11-10T10:00:00Z');
const earlier = new Date('2026-10-20T10:00:00Z');

describe('judgeRevocationTiming: which revocations a claimed time can survive', () => {
  it.each(['keyCompromise', 'cACompromise', 'aACompromise', 'unspecified', undefined])(
    'a claimed time before a revocation for %s proves nothing: compromised',
    (reason) => {
      expect(judgeRevocationTiming({ revokedAt: later, reason }, T, false)).toEqual({
        kind: 'compromised',
        reason: reason ?? 'unspecified',
      });
      // Claimed at or after the revocation: plainly revoked before, whatever the reason.
      expect(judgeRevocationTiming({ revokedAt: T, reason }, T, false)).toEqual({
        kind: 'before',
        effectiveAt: T,
      });
    },
  );

  it.each(['superseded', 'affiliationChanged', 'cessationOfOperation', 'privilegeWithdrawn'])(
    'keeps the time rule for %s: after stays valid, at or before does not',
    (reason) => {
      expect(judgeRevocationTiming({ revokedAt: later, reason }, T, false)).toEqual({
        kind: 'after',
        effectiveAt: later,
      });
      expect(judgeRevocationTiming({ revokedAt: T, reason }, T, false)).toEqual({
        kind: 'before',
        effectiveAt: T,
      });
    },
  );

  it('judges a compromise by the time rule when a third party proves the time', () => {
    const compromise = { revokedAt: later, reason: 'keyCompromise' };
    expect(judgeRevocationTiming(compromise, T, true)).toMatchObject({ kind: 'after' });
    expect(judgeRevocationTiming({ revokedAt: earlier }, T, true)).toMatchObject({
      kind: 'before',
    });
  });

  it('takes an earlier invalidityDate as the effective instant, never a later one', () => {
    const superseded = { revokedAt: later, reason: 'superseded' };
    expect(judgeRevocationTiming({ ...superseded, invalidityDate: earlier }, T, false)).toEqual({
      kind: 'before',
      effectiveAt: earlier,
    });
    const beyond = new Date('2026-12-01T00:00:00Z');
    expect(
      judgeRevocationTiming(
        { revokedAt: earlier, reason: 'superseded', invalidityDate: beyond },
        T,
        false,
      ),
    ).toEqual({ kind: 'before', effectiveAt: earlier });
    // A proven time before the suspected compromise keeps the signature; after it, not.
    const compromised = { revokedAt: later, reason: 'keyCompromise', invalidityDate: earlier };
    expect(judgeRevocationTiming(compromised, T, true)).toEqual({
      kind: 'before',
      effectiveAt: earlier,
    });
  });
});

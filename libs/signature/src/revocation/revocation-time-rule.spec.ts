import { judgeRevocationTiming, voidingRevocation } from './revocation-time-rule';

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

  it('a certificate on hold is undecided whenever the hold began and whatever proves the time', () => {
    for (const revokedAt of [later, T, earlier]) {
      for (const proven of [false, true]) {
        expect(judgeRevocationTiming({ revokedAt, reason: 'certificateHold' }, T, proven)).toEqual({
          kind: 'on-hold',
          heldSince: revokedAt,
        });
      }
    }
    // An invalidityDate on a hold changes nothing: the hold is not a verdict yet.
    expect(
      judgeRevocationTiming(
        { revokedAt: later, reason: 'certificateHold', invalidityDate: earlier },
        T,
        false,
      ),
    ).toEqual({ kind: 'on-hold', heldSince: later });
  });

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

  it('names what voided a claimed time: a compromise, no reason, or an explicit unspecified', () => {
    expect(voidingRevocation('keyCompromise')).toBe('compromise');
    expect(voidingRevocation('cACompromise')).toBe('compromise');
    expect(voidingRevocation(undefined)).toBe('revocation without a reason');
    expect(voidingRevocation('unspecified')).toBe('revocation for an unspecified reason');
  });
});

import { verificationScope } from '../verification/verification-scope';
import { verificationScopeHeader } from './verification-scope-header';

const START = {
  headSeq: 30,
  headHash: 'a'.repeat(64),
  createdAt: '2026-11-24T03:00:00.000Z',
  signerSubject: 'CN=Trục liên thông văn bản quốc gia',
  timestamp: null,
};

describe('verificationScopeHeader', () => {
  it('names the starting checkpoint, the records re-hashed and those left to its signature', () => {
    const scope = verificationScope({
      from: 'checkpoint',
      firstSeq: 30,
      recordsChecked: 11,
      ok: true,
      startCheckpoint: START,
    });
    const value = verificationScopeHeader(scope);
    expect(value).toBe('from=checkpoint; checkpoint=30; reverified=30-40; not-reverified=1-29');
    // A header value Node accepts: the Vietnamese signer subject stays in the body only.
    expect(value).toMatch(/^[\x20-\x7e]+$/);
  });

  it('says a full walk left nothing unverified, and a failed start re-hashed nothing', () => {
    const full = verificationScope({ from: 'genesis', firstSeq: 1, recordsChecked: 40, ok: true });
    expect(verificationScopeHeader(full)).toBe(
      'from=genesis; reverified=1-40; not-reverified=none',
    );
    const failed = verificationScope({
      from: 'checkpoint',
      firstSeq: 30,
      recordsChecked: 0,
      ok: false,
      startCheckpoint: START,
    });
    expect(verificationScopeHeader(failed)).toBe(
      'from=checkpoint; checkpoint=30; reverified=none; not-reverified=1-29',
    );
  });
});

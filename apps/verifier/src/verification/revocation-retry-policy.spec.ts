import { type DispatchRejection, DispatchRejectionCode } from './dispatch-rejection';
import { RevocationRetryPolicy } from './revocation-retry-policy';

const HOUR = 3_600_000;
const ACCEPTED_AT = new Date('2026-11-24T08:00:00.000Z');

const unavailable: DispatchRejection = {
  code: DispatchRejectionCode.RevocationUnknown,
  message: 'no CRL or OCSP answer',
  messageVi: 'không có nguồn CRL hoặc OCSP nào phản hồi',
};
const onHold: DispatchRejection = {
  code: DispatchRejectionCode.CertificateOnHold,
  message: 'on hold',
  messageVi: 'chứng thư số đang bị tạm dừng',
};

/** A policy whose clock is a variable the spec moves. */
function policyAt(windowMs: number) {
  const clock = { now: ACCEPTED_AT };
  return { clock, policy: new RevocationRetryPolicy(windowMs, () => clock.now) };
}

const after = (ms: number) => new Date(ACCEPTED_AT.getTime() + ms);

describe('RevocationRetryPolicy', () => {
  it('verifies a dispatch nothing is wrong with', () => {
    expect(policyAt(HOUR).policy.decide(null, ACCEPTED_AT)).toEqual({ kind: 'verified' });
  });

  it('leaves a dispatch with an unavailable revocation status for later, until the window since acceptance ends', () => {
    const { clock, policy } = policyAt(HOUR);
    for (const elapsed of [0, 1, HOUR / 2, HOUR - 1]) {
      clock.now = after(elapsed);
      expect(policy.decide(unavailable, ACCEPTED_AT)).toEqual({
        kind: 'retry-later',
        rejection: unavailable,
        retryUntil: after(HOUR),
      });
    }
  });

  it('rejects it with REVOCATION_STATUS_UNAVAILABLE once the window has passed', () => {
    const { clock, policy } = policyAt(HOUR);
    for (const elapsed of [HOUR, HOUR + 1, 24 * HOUR]) {
      clock.now = after(elapsed);
      expect(policy.decide(unavailable, ACCEPTED_AT)).toEqual({
        kind: 'rejected',
        rejection: unavailable,
      });
    }
  });

  it('rejects at once with a window of 0', () => {
    expect(policyAt(0).policy.decide(unavailable, ACCEPTED_AT).kind).toBe('rejected');
  });

  it('rejects a certificate on hold, and every other reason, at once inside the window', () => {
    const { policy } = policyAt(HOUR);
    expect(policy.decide(onHold, ACCEPTED_AT)).toEqual({ kind: 'rejected', rejection: onHold });
    const unsigned = {
      code: DispatchRejectionCode.PdfUnsigned,
      message: 'unsigned',
      messageVi: 'không có chữ ký số',
    };
    expect(policy.decide(unsigned, ACCEPTED_AT)).toEqual({ kind: 'rejected', rejection: unsigned });
  });
});

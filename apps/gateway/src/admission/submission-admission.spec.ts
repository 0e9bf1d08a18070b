import { Logger } from '@nestjs/common';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import type { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import type { VerificationBacklogRepository } from '@docaxis/persistence/dispatch/verification-backlog.repository';
import { loadGatewayConfig } from '../config/gateway.config';
import { SubmissionAdmission } from './submission-admission';
import { SubmissionBacklogFullError } from './submission-admission.errors';

const SENDER = '000.00.00.G22';
const SMALL_SENDER = '000.00.00.H41';

/** The admission over a backlog of `backlog` dispatches, all SENDER's (an Error: the count fails). */
function admissionWith(options: { limit: number; backlog: number | Error }) {
  const { backlog } = options;
  const countAwaitingVerificationBySender = jest.fn(() =>
    backlog instanceof Error
      ? Promise.reject(backlog)
      : Promise.resolve(new Map(backlog > 0 ? [[SENDER, backlog]] : [])),
  );
  const findByIdempotencyKey = jest.fn((_sender: string, key: string) =>
    Promise.resolve(key === 'accepted-before' ? { id: 'dispatch-1' } : null),
  );
  const admission = new SubmissionAdmission(
    loadGatewayConfig({ ADMISSION_MAX_PENDING_VERIFICATION: String(options.limit) }),
    { countAwaitingVerificationBySender } as unknown as VerificationBacklogRepository,
    { findByIdempotencyKey } as unknown as DispatchRepository,
    new AxisMetrics('gateway'),
  );
  return { admission, countAwaitingVerificationBySender, findByIdempotencyKey };
}

describe('SubmissionAdmission', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('admits up to the limit, and refuses above it with the backlog, share and Retry-After', async () => {
    const atLimit = admissionWith({ limit: 3, backlog: 3 });
    await expect(atLimit.admission.admit(SENDER, undefined)).resolves.toBeUndefined();

    const over = admissionWith({ limit: 3, backlog: 4 });
    const refusal = await over.admission.admit(SENDER, 'new-key').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SubmissionBacklogFullError);
    expect(refusal).toMatchObject({
      code: 'SUBMISSION_BACKLOG_FULL',
      kind: 'unavailable',
      details: { backlog: 4, limit: 3, pending: 4, fairShare: 3, retryAfterSeconds: 1 },
    });
    expect(over.findByIdempotencyKey).toHaveBeenCalledWith(SENDER, 'new-key');
  });

  it('over the limit still admits an agency below its fair share', async () => {
    const { admission } = admissionWith({ limit: 3, backlog: 4 });
    await expect(admission.admit(SMALL_SENDER, 'new-key')).resolves.toBeUndefined();
  });

  it('lets a retry of a submission already accepted through, to its original answer', async () => {
    const { admission } = admissionWith({ limit: 3, backlog: 50 });
    await expect(admission.admit(SENDER, 'accepted-before')).resolves.toBeUndefined();
  });

  it('looks nothing up while admitting, and counts nothing when turned off (limit 0)', async () => {
    const under = admissionWith({ limit: 3, backlog: 1 });
    await under.admission.admit(SENDER, 'some-key');
    expect(under.findByIdempotencyKey).not.toHaveBeenCalled();

    const off = admissionWith({ limit: 0, backlog: 10_000 });
    await off.admission.admit(SENDER, undefined);
    expect(off.countAwaitingVerificationBySender).not.toHaveBeenCalled();
  });

  it('fails open when the backlog cannot be counted', async () => {
    const { admission } = admissionWith({
      limit: 3,
      backlog: new Error('connection refused'),
    });
    await expect(admission.admit(SENDER, undefined)).resolves.toBeUndefined();
    expect(Logger.prototype.warn).toHaveBeenCalledWith(
      expect.stringContaining('connection refused'),
    );
  });
});

import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { SenderMismatchError } from './dispatch-submission.errors';
import { SubmissionMetrics } from './submission-metrics';
import type { SubmitDispatchResult } from './submit-dispatch.usecase';

const accepted = (replayed: boolean): SubmitDispatchResult => ({
  dispatchId: '0190e0a0-0000-7000-8000-000000000001',
  documentId: '000.00.00.G22,2026/05/04,1/QĐ-VPCP',
  state: 'accepted',
  replayed,
});

async function counted(metrics: AxisMetrics) {
  const acceptedCount = (await metrics.dispatchesAccepted.get()).values[0]?.value ?? 0;
  const rejected = (await metrics.dispatchesRejected.get()).values.map((sample) => ({
    labels: sample.labels,
    value: sample.value,
  }));
  return { accepted: acceptedCount, rejected };
}

describe('SubmissionMetrics', () => {
  it('counts an accepted submission once, and a replay not at all', async () => {
    const metrics = new AxisMetrics('gateway-spec');
    const submissions = new SubmissionMetrics(metrics);
    await expect(submissions.count(() => Promise.resolve(accepted(false)))).resolves.toEqual(
      accepted(false),
    );
    await expect(submissions.count(() => Promise.resolve(accepted(true)))).resolves.toEqual(
      accepted(true),
    );
    expect(await counted(metrics)).toEqual({ accepted: 1, rejected: [] });
  });

  it('counts a refusal by its stable code and an unexpected failure as INTERNAL_ERROR, and rethrows both', async () => {
    const metrics = new AxisMetrics('gateway-spec');
    const submissions = new SubmissionMetrics(metrics);
    const refusal = new SenderMismatchError('000.00.00.G22', '000.00.00.H41');
    const failure = new Error('database gone');
    await expect(submissions.count(() => Promise.reject(refusal))).rejects.toBe(refusal);
    await expect(submissions.count(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(await counted(metrics)).toEqual({
      accepted: 0,
      rejected: [
        { labels: { stage: 'submission', reason: 'SENDER_MISMATCH' }, value: 1 },
        { labels: { stage: 'submission', reason: 'INTERNAL_ERROR' }, value: 1 },
      ],
    });
  });
});

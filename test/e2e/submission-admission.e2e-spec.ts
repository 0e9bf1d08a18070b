import request, { type Response } from 'supertest';
import { asAgency } from '@docaxis/testing/agency-client';
import { attachDispatch, envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { parsePrometheusText, sampleValue } from '@docaxis/testing/prometheus-text';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const A = '000.00.00.G22';
const B = '000.00.00.H41';
const LIMIT = 2;
const SAMPLE_INTERVAL_MS = 100;
/** Any bytes that start like a PDF: with no verifier running, nothing looks further. */
const PDF = Buffer.from('%PDF-1.7\n% admission control\n');

/**
 * Admission control with a backlog limit of 2 and no verifier consuming: submissions are
 * accepted until the gateway's sample sees more than 2 dispatches awaiting verification, then
 * refused with 503 SUBMISSION_BACKLOG_FULL and Retry-After, and accepted again once the backlog
 * has shrunk and been sampled again. What was accepted stays accepted throughout.
 */
describe('admission control on POST /dispatches (real PostgreSQL and RabbitMQ, no verifier)', () => {
  let axis: RunningAxis;

  beforeAll(async () => {
    axis = await startAxis(
      'admission',
      {
        ADMISSION_MAX_PENDING_VERIFICATION: String(LIMIT),
        ADMISSION_SAMPLE_INTERVAL_MS: String(SAMPLE_INTERVAL_MS),
        ADMISSION_RETRY_AFTER_SECONDS: '2',
      },
      // Started by nobody: accepted dispatches stay accepted until the test says otherwise.
      { outOfProcess: ['verifier'] },
    );
  });

  afterAll(async () => {
    await axis?.stop();
  });

  /** The gateway's management listener: health and metrics. */
  const operations = (path: string) => request(axis.gatewayManagementUrl).get(path);

  const submit = (idempotencyKey: string, envelope: unknown, sender = A): Promise<Response> =>
    attachDispatch(
      asAgency(axis, sender).post('/dispatches').set('Idempotency-Key', idempotencyKey),
      envelope,
      [{ name: 'van-ban.pdf', bytes: PDF }],
    );

  /** Submits new dispatches from `sender` until one is refused; what was accepted, and the 503. */
  const submitUntilRefused = async (sender: string, recipient: string, keyPrefix: string) => {
    let accepted = 0;
    for (let i = 0; i < 40; i += 1) {
      const response = await submit(`${keyPrefix}-${i}`, envelopeJson(sender, [recipient]), sender);
      if (response.status !== 202) return { accepted, refused: response };
      accepted += 1;
      // The sample is at most SAMPLE_INTERVAL_MS old: give it time to see the backlog.
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS / 4));
    }
    throw new Error(`${sender} was never refused`);
  };

  it('refuses new submissions with 503 and Retry-After over the limit, keeps what it accepted, and admits again once the backlog shrinks', async () => {
    const accepted: { key: string; envelope: unknown; dispatchId: string }[] = [];
    let refused: Response | undefined;
    let refusedSubmission: { key: string; envelope: unknown } | undefined;
    // The sample is at most SAMPLE_INTERVAL_MS old: keep submitting until it sees the backlog.
    for (let i = 0; i < 40 && !refused; i += 1) {
      const key = `admission-${i}`;
      const envelope = envelopeJson(A, [B]);
      const response = await submit(key, envelope);
      if (response.status === 202) {
        accepted.push({ key, envelope, dispatchId: response.body.dispatchId as string });
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS / 4));
      } else {
        refused = response;
        refusedSubmission = { key, envelope };
      }
    }

    expect(accepted.length).toBeGreaterThan(LIMIT);
    expect(refused?.status).toBe(503);
    expect(refused?.headers['retry-after']).toBe('2');
    expect(refused?.body.error).toEqual({
      code: 'SUBMISSION_BACKLOG_FULL',
      message: expect.stringContaining('quá tải'),
      details: {
        backlog: expect.any(Number),
        limit: LIMIT,
        pending: expect.any(Number),
        fairShare: LIMIT, // A alone is waiting: its share is the whole limit
        retryAfterSeconds: 2,
      },
    });
    expect(refused?.body.error.details.backlog).toBeGreaterThan(LIMIT);

    // Refused before its body is read: an edXML packet is not even parsed.
    const packet = await asAgency(axis, A)
      .post('/dispatches')
      .set('Content-Type', 'application/xml')
      .send('<not-even-xml');
    expect({ status: packet.status, code: packet.body.error?.code }).toEqual({
      status: 503,
      code: 'SUBMISSION_BACKLOG_FULL',
    });

    // A retry of a submission already accepted adds nothing to the backlog: its original answer.
    const replay = await submit(accepted[0].key, accepted[0].envelope);
    expect(replay.status).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.dispatchId).toBe(accepted[0].dispatchId);

    // Backpressure is not ill health: the instance stays in the load balancer.
    expect((await operations('/health/ready')).status).toBe(200);

    // Nothing accepted was lost or changed, and the refused submission left nothing behind.
    const rows = await axis.db.query<{ id: string; state: string; idempotency_key: string }[]>(
      `SELECT id, state, idempotency_key FROM dispatches ORDER BY idempotency_key`,
    );
    expect(rows).toEqual(
      accepted
        .map(({ dispatchId, key }) => ({ id: dispatchId, state: 'accepted', idempotency_key: key }))
        .sort((a, b) => a.idempotency_key.localeCompare(b.idempotency_key)),
    );

    const metrics = parsePrometheusText((await operations('/metrics')).text);
    // The last sample: it saw the backlog over the limit, and may have missed the last admissions.
    const sampled = sampleValue(metrics, 'docaxis_admission_verification_backlog');
    expect(sampled).toBeGreaterThan(LIMIT);
    expect(sampled).toBeLessThanOrEqual(accepted.length);
    expect(
      sampleValue(metrics, 'docaxis_dispatches_rejected_total', {
        stage: 'submission',
        reason: 'SUBMISSION_BACKLOG_FULL',
      }),
    ).toBeGreaterThanOrEqual(2);

    // The verifiers catch up; within a sample interval the same submission is accepted.
    await axis.db.query(
      `UPDATE dispatches SET state = 'verified', verified_at = now() WHERE state = 'accepted'`,
    );
    const retried = await waitFor(
      () => submit(refusedSubmission!.key, refusedSubmission!.envelope),
      (response) => response.status !== 503,
      'the backlog to be sampled again',
    );
    expect(retried.status).toBe(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('is fair between agencies: the one that filled the backlog is refused, one with nothing waiting is admitted until it holds its share', async () => {
    // Start from an empty backlog; a request after a pause still sees the last sample (and starts
    // a new one), so wait for A to be admitted again.
    await axis.db.query(
      `UPDATE dispatches SET state = 'verified', verified_at = now() WHERE state = 'accepted'`,
    );
    const first = await waitFor(
      () => submit('fair-a-first', envelopeJson(A, [B])),
      (response) => response.status !== 503,
      'the emptied backlog to be sampled',
    );
    expect(first.status).toBe(202);

    const busy = await submitUntilRefused(A, B, 'fair-a');
    expect(1 + busy.accepted).toBeGreaterThan(LIMIT);
    expect(busy.refused.status).toBe(503);

    // B has nothing waiting: admitted at once, though the backlog is over the limit.
    const small = await submit('fair-b-first', envelopeJson(B, [A]), B);
    expect(small.status).toBe(202);
    // A is still refused meanwhile.
    expect((await submit('fair-a-again', envelopeJson(A, [B]))).status).toBe(503);

    // Two agencies waiting: a share of ⌊2 ÷ 2⌋ = 1 each, which B now holds.
    const more = await submitUntilRefused(B, A, 'fair-b');
    expect(more.refused.status).toBe(503);
    expect(more.refused.body.error).toMatchObject({
      code: 'SUBMISSION_BACKLOG_FULL',
      details: { limit: LIMIT, fairShare: 1 },
    });
    expect(more.refused.body.error.details.pending).toBeGreaterThanOrEqual(1);

    const [waiting] = await axis.db.query<{ b: number }[]>(
      `SELECT count(*)::int AS b FROM dispatches WHERE state = 'accepted' AND sender_code = $1`,
      [B],
    );
    expect(waiting.b).toBe(1 + more.accepted);
  });
});

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

  const submit = (idempotencyKey: string, envelope: unknown): Promise<Response> =>
    attachDispatch(
      asAgency(axis, A).post('/dispatches').set('Idempotency-Key', idempotencyKey),
      envelope,
      [{ name: 'van-ban.pdf', bytes: PDF }],
    );

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
      details: { backlog: expect.any(Number), limit: LIMIT, retryAfterSeconds: 2 },
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
    expect(sampleValue(metrics, 'docaxis_admission_verification_backlog')).toBe(accepted.length);
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
      5_000,
    );
    expect(retried.status).toBe(202);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });
});

import type { INestApplication } from '@nestjs/common';
import { createAuditApp } from '../../apps/audit/src/audit-app.factory';
import { loadAuditConfig } from '../../apps/audit/src/config/audit.config';
import { loadRouterConfig } from '../../apps/router/src/config/router.config';
import { createRouterApp } from '../../apps/router/src/router-app.factory';
import { loadVerifierConfig } from '../../apps/verifier/src/config/verifier.config';
import { createVerifierApp } from '../../apps/verifier/src/verifier-app.factory';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { CallerRole } from '../../apps/gateway/src/auth/caller-role';
import { SubmitDispatchUseCase } from '../../apps/gateway/src/dispatches/submit-dispatch.usecase';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { startAxis, type RunningAxis } from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const DISPATCHES = Number(process.env.SCALE_DISPATCHES ?? 1000);
const CONCURRENCY = 24;
const A = '000.00.00.G22';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H14', '000.00.00.H20', '000.00.14.H20'];

const counterValue = async (
  app: INestApplication,
  pick: (m: AxisMetrics) => { get(): Promise<{ values: { value: number }[] }> },
) => (await pick(app.get(AxisMetrics)).get()).values.reduce((sum, v) => sum + v.value, 0);

/**
 * Two routers, two verifiers and two audit instances compete on the same queues, database and
 * outbox while a few thousand dispatches go through: each recipient gets each dispatch exactly
 * once, the audit chain has no gap, and every instance took a share of the work.
 */
describe('scale-out: two instances of every worker on one RabbitMQ and PostgreSQL', () => {
  let axis: RunningAxis;
  const second: Record<'router' | 'verifier' | 'audit', INestApplication | undefined> = {
    router: undefined,
    verifier: undefined,
    audit: undefined,
  };

  beforeAll(async () => {
    axis = await startAxis('scale');
    second.audit = await createAuditApp(loadAuditConfig(axis.env));
    second.verifier = await createVerifierApp(loadVerifierConfig(axis.env));
    second.router = await createRouterApp(loadRouterConfig(axis.env));
  });

  afterAll(async () => {
    for (const app of Object.values(second)) await app?.close();
    await axis?.stop();
  });

  it(`delivers ${DISPATCHES} dispatches (two recipients each) exactly once, audit chain gap-free`, async () => {
    const pdf = await signedDispatchPdf(axis.pki, A);
    // Dispatches enter through the gateway's own acceptance use case (validation, blob store,
    // dispatch + outbox in one transaction), in-process: thousands of mutual-TLS uploads would
    // measure this shared 2-core machine's handshakes, not the workers under test. The HTTP path
    // is covered by the other end-to-end specs.
    const submit = axis.gateway.get(SubmitDispatchUseCase);
    const agency = {
      agencyCode: A,
      agencyName: 'Văn phòng Chính phủ',
      certificateSubject: `OU=${A}`,
      certificateFingerprint: 'scale-out-test',
      roles: [CallerRole.AgencySystem],
    };
    const ids: string[] = [];
    let next = 0;
    const sender = async () => {
      while (next < DISPATCHES) {
        const i = next++;
        const to = [RECIPIENTS[i % 4], RECIPIENTS[(i + 1) % 4]];
        const accepted = await submit.execute({
          agency,
          correlationId: `scale-${i}`,
          envelopeField: JSON.stringify(envelopeJson(A, to)),
          files: [{ originalName: 'cong-van.pdf', contentType: 'application/pdf', bytes: pdf }],
        });
        ids.push(accepted.dispatchId);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    expect(new Set(ids).size).toBe(DISPATCHES);

    const deliveries = DISPATCHES * 2;
    const count = async (sql: string) => Number((await axis.db.query(sql))[0].n);
    await waitFor(
      () => count(`SELECT count(*) AS n FROM dispatch_recipients WHERE state = 'delivered'`),
      (n) => n === deliveries,
      'every recipient delivered',
      90_000,
    );
    await waitFor(
      () =>
        count(`SELECT count(*) AS n FROM audit_records WHERE event_type = 'dispatch.delivered'`),
      (n) => n >= deliveries,
      'every delivery audited',
      60_000,
    );

    // Exactly once: one delivered event per dispatch and recipient, one inbox position each.
    expect(
      await axis.db.query(
        `SELECT dispatch_id, recipient_code, count(*) FROM audit_records
          WHERE event_type = 'dispatch.delivered' GROUP BY 1, 2 HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_records WHERE event_type = 'dispatch.delivered'`,
      ),
    ).toBe(deliveries);
    expect(
      await axis.db.query(
        `SELECT recipient_code, delivery_seq, count(*) FROM dispatch_recipients
          GROUP BY 1, 2 HAVING count(*) > 1`,
      ),
    ).toEqual([]);

    // Gap-free: seq runs 1..count and every hash and link verifies.
    const [{ max, n }] = await axis.db.query(
      `SELECT max(seq)::int AS max, count(*)::int AS n FROM audit_records`,
    );
    expect(max).toBe(n);
    const chain = await new AuditChainVerifier(new AuditRecordRepository(axis.db)).verify();
    expect(chain).toMatchObject({ ok: true, recordsChecked: n });

    // Both instances of every worker took part.
    const [firstAudit, firstVerifier, firstRouter] = axis.workers;
    for (const router of [firstRouter, second.router!]) {
      expect(await counterValue(router, (m) => m.deliveries)).toBeGreaterThan(0);
    }
    for (const verifier of [firstVerifier, second.verifier!]) {
      expect(await counterValue(verifier, (m) => m.verificationOutcomes)).toBeGreaterThan(0);
    }
    for (const audit of [firstAudit, second.audit!]) {
      expect(audit.get(ConsumerHost).stats().acked).toBeGreaterThan(0);
    }
  }, 240_000);
});

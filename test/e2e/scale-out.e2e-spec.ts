import { readFileSync } from 'node:fs';
import { AuditChainVerifier } from '@docaxis/audit-trail/chain/audit-chain-verifier';
import { laneQueuesOf } from '@docaxis/messaging/topology/delivery-lanes';
import { queueName } from '@docaxis/messaging/topology/topology-names';
import { AuditRecordRepository } from '@docaxis/persistence/audit/audit-record.repository';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { AUDIT_EVENTS_QUEUE } from '@docaxis/messaging/topology/audit-events-queue';
import { CallerRole } from '../../apps/gateway/src/auth/caller-role';
import { SubmitDispatchUseCase } from '../../apps/gateway/src/dispatches/submit-dispatch.usecase';
import { DISPATCH_SUBMITTED_QUEUE } from '../../apps/verifier/src/verification/verification.queues';
import { spawnApp, type AppProcess } from '@docaxis/testing/app-process';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { routerQueueNames } from '@docaxis/testing/fault-load';
import {
  deletePrefix,
  startAxis,
  type OutOfProcessApp,
  type RunningAxis,
} from '@docaxis/testing/running-axis';
import { waitFor } from '@docaxis/testing/wait-for';

const DISPATCHES = Number(process.env.SCALE_DISPATCHES ?? 2000);
const CONCURRENCY = 24;
const A = '000.00.00.G22';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H14', '000.00.00.H20', '000.00.14.H20'];
const SCALED: readonly OutOfProcessApp[] = ['audit', 'verifier', 'router'];

/** Messages an instance acked over its life, from the line it logs when it stops. */
function ackedBy(instance: AppProcess): number {
  const match = /messaging stopped \((\d+) acked/.exec(readFileSync(instance.logFile, 'utf8'));
  if (!match)
    throw new Error(`${instance.app} ${instance.pid} logged no stop (${instance.logFile})`);
  return Number(match[1]);
}

/**
 * Two routers, two verifiers and two audit instances, each a process of its own as production
 * runs them, compete on the same queues, database and outbox while a few thousand dispatches go
 * through: each recipient gets each dispatch exactly once, the audit chain has no gap, and every
 * instance took a share of the work.
 */
describe('scale-out: two processes of every worker on one RabbitMQ and PostgreSQL', () => {
  let axis: RunningAxis;
  const instances: AppProcess[] = [];

  beforeAll(async () => {
    // The gateway (dispatches enter through it) and the notifier stay in this process.
    axis = await startAxis('scale', {}, { outOfProcess: SCALED });
    const spawned = await Promise.allSettled(
      SCALED.flatMap((app) =>
        ['1', '2'].map((label) => spawnApp(app, axis.env, { label, readyTimeoutMs: 120_000 })),
      ),
    );
    for (const result of spawned) if (result.status === 'fulfilled') instances.push(result.value);
    const failed = spawned.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.kill()));
    if (!axis) return;
    const codes = await axis.db.query<Array<{ code: string }>>(`SELECT code FROM agencies`);
    const prefix = axis.env.AMQP_PREFIX!;
    await axis.stop();
    // The out-of-process workers' queues: the in-process apps' topologies do not list them.
    const workerQueues = [AUDIT_EVENTS_QUEUE, DISPATCH_SUBMITTED_QUEUE].flatMap((queue) =>
      laneQueuesOf(queue).map((lane) => queueName(prefix, lane.name)),
    );
    await deletePrefix(
      prefix,
      [
        ...routerQueueNames(
          prefix,
          codes.map((c) => c.code),
        ),
        ...workerQueues,
      ],
      [],
      axis.env.AMQP_URL,
    );
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
      180_000,
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

    // Every instance took part: each stops gracefully and logs how many messages it acked.
    const stops = await Promise.all(instances.map((instance) => instance.stop()));
    expect(stops).toEqual(instances.map(() => 'SIGTERM'));
    const shares = instances.map((i) => ({ app: i.app, pid: i.pid, acked: ackedBy(i) }));
    console.log(
      `scale-out: ${DISPATCHES} dispatches, acked per instance ${JSON.stringify(shares)}`,
    );
    for (const share of shares) expect(share.acked).toBeGreaterThan(0);
    // And the shares add up to the work: every submission verified; every verified dispatch
    // routed and every delivery made; every event recorded (at least: a retry acks again).
    const ackedByApp = (app: OutOfProcessApp) =>
      shares.filter((s) => s.app === app).reduce((sum, s) => sum + s.acked, 0);
    expect(ackedByApp('verifier')).toBeGreaterThanOrEqual(DISPATCHES);
    expect(ackedByApp('router')).toBeGreaterThanOrEqual(DISPATCHES + deliveries);
    // A batched event (dispatch.delivered.batch, dispatch.acknowledged.batch) is one message
    // recorded as one record per item, event id `<message id>#<i>` (batchItemId): count messages.
    const [{ messages }] = await axis.db.query(
      `SELECT count(DISTINCT split_part(event_id, '#', 1))::int AS messages FROM audit_records`,
    );
    expect(ackedByApp('audit')).toBeGreaterThanOrEqual(messages);
  }, 300_000);
});

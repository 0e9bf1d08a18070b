import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { waitFor } from '@docaxis/testing/wait-for';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { WebhookDeactivationWording } from './webhook-deactivation-wording';
import type { WebhookDeactivation } from './webhook-deactivation';
import {
  type WebhookAttemptOutcome,
  WebhookNotificationRepository,
} from './webhook-notification.repository';
import { WEBHOOKS_CHANGED_CHANNEL } from './webhook-subscribers';
import { WebhookRepository } from './webhook.repository';

/** Stands for a sealed secret: the repository stores and returns it, it never opens it. */
const SEALED = {
  ciphertext: Buffer.from('ciphertext'),
  iv: Buffer.alloc(12, 1),
  tag: Buffer.alloc(16, 2),
  keyId: '0123456789abcdef',
};

describe('WebhookNotificationRepository: the durable notification queue (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let url: string;
  let notifications: WebhookNotificationRepository;
  let webhookId: string;

  beforeAll(async () => {
    ({ dataSource, url } = await agencyDatabase('webhooks', [
      { code: '000.00.00.H41', name: 'UBND' },
    ]));
    const webhook = await new WebhookRepository(dataSource).register(
      '000.00.00.H41',
      'https://receiver.example/hook',
      () => SEALED,
    );
    webhookId = webhook.id;
    notifications = new WebhookNotificationRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function enqueue(count: number, source = uuidv7(), to = webhookId): Promise<string[]> {
    const ids = Array.from({ length: count }, () => uuidv7());
    await dataSource.transaction((manager) =>
      notifications.enqueue(
        manager,
        ids.map((id, index) => ({
          id,
          webhookId: to,
          eventType: 'dispatch.delivered',
          sourceMessageId: `${source}-${index}`,
          body: '{}',
        })),
      ),
    );
    return ids;
  }

  async function deliverAll(): Promise<void> {
    for (const claimed of await notifications.claimDue(1000, 60_000)) {
      await notifications.recordAttempt({
        notificationId: claimed.id,
        attempt: claimed.attempt,
        attemptedAt: new Date(),
        statusCode: 200,
        error: null,
        durationMs: 1,
        retryAt: null,
      });
    }
  }

  it('keeps one notification per webhook and event, however often the event is recorded', async () => {
    const source = uuidv7();
    await enqueue(1, source);
    await enqueue(1, source);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM webhook_notifications WHERE source_message_id = $1`,
      [`${source}-0`],
    );
    expect(count).toBe(1);
    await deliverAll();
  });

  it('never hands one notification to two concurrent senders', async () => {
    const ids = await enqueue(60);
    const claims = await Promise.all(
      Array.from({ length: 4 }, () => notifications.claimDue(20, 60_000)),
    );
    const claimed = claims.flat().map((row) => row.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
    await dataSource.query(`UPDATE webhook_notifications SET leased_until = now()`);
    await deliverAll();
  });

  it("gives a crashed sender's notification to another once its lease ends, as attempt 2", async () => {
    const [id] = await enqueue(1);
    const [first] = await notifications.claimDue(10, 60_000);
    expect(first).toMatchObject({ id, attempt: 1 });
    // The secret comes back as stored: sealed, never plain.
    expect(first.secret).toEqual({ sealed: SEALED });
    expect(await notifications.claimDue(10, 60_000)).toEqual([]);
    await dataSource.query(`UPDATE webhook_notifications SET leased_until = now() WHERE id = $1`, [
      id,
    ]);
    const [second] = await notifications.claimDue(10, 60_000);
    expect(second).toMatchObject({ id, attempt: 2 });
    await deliverAll();
  });

  it('schedules a failed notification and files every attempt', async () => {
    const [id] = await enqueue(1);
    const [claimed] = await notifications.claimDue(10, 60_000);
    await notifications.recordAttempt({
      notificationId: id,
      attempt: claimed.attempt,
      attemptedAt: new Date(),
      statusCode: 503,
      error: 'HTTP 503',
      durationMs: 5,
      retryAt: new Date(Date.now() + 60_000),
    });
    expect(await notifications.claimDue(10, 60_000)).toEqual([]);
    const [row] = await dataSource.query(
      `SELECT state, attempts, last_error, leased_until FROM webhook_notifications WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      state: 'pending',
      attempts: 1,
      last_error: 'HTTP 503',
      leased_until: null,
    });
    const history = await new WebhookRepository(dataSource).history(webhookId, 1);
    expect(history[0].notification.id).toBe(id);
    expect(history[0].attempts.map((a) => a.statusCode)).toEqual([503]);
  });

  describe('a webhook stopped by the notifier, and reactivated', () => {
    const NOT_PUBLIC = WebhookDeactivationWording.destinationNotPublic(
      'receiver.example',
      '10.0.0.5',
    );

    /** The notifications pending when the webhook was stopped. */
    let stopped: string[] = [];

    function refusedAttempt(notificationId: string, attempt: number) {
      return notifications.recordAttempt({
        notificationId,
        attempt,
        attemptedAt: new Date(),
        statusCode: null,
        error: `refused: ${NOT_PUBLIC.reason}`,
        durationMs: 1,
        retryAt: new Date(Date.now() + 3_600_000),
        deactivateWebhook: { webhookId, ...NOT_PUBLIC },
      });
    }

    it('files the attempt and deactivates the webhook with its reason, reporting it once', async () => {
      const ids = await enqueue(2);
      stopped = ids;
      const claimed = await notifications.claimDue(10, 60_000);
      expect(claimed.map((c) => c.id).sort()).toEqual([...ids].sort());
      expect(claimed[0].agencyCode).toBe('000.00.00.H41');
      expect(await refusedAttempt(claimed[0].id, claimed[0].attempt)).toEqual(NOT_PUBLIC);
      // The second refusal of the same batch finds it already stopped.
      expect(await refusedAttempt(claimed[1].id, claimed[1].attempt)).toBeNull();
      const [webhook] = await dataSource.query(
        `SELECT active, deactivated_at IS NOT NULL AS dated, deactivation_code, deactivation_reason,
                deactivation_reason_vi
           FROM webhooks WHERE id = $1`,
        [webhookId],
      );
      expect(webhook).toEqual({
        active: false,
        dated: true,
        deactivation_code: 'DESTINATION_NOT_PUBLIC',
        deactivation_reason: NOT_PUBLIC.reason,
        deactivation_reason_vi: NOT_PUBLIC.reasonVi,
      });
      const states = await dataSource.query(
        `SELECT DISTINCT state FROM webhook_notifications WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      expect(states).toEqual([{ state: 'pending' }]);
    });

    it('reactivation makes it active again and its pending notifications due at once', async () => {
      const webhooks = new WebhookRepository(dataSource);
      // The agency registered another webhook meanwhile: reactivating replaces it.
      const other = await webhooks.register(
        '000.00.00.H41',
        'https://other.example/hook',
        () => SEALED,
      );
      expect(await notifications.claimDue(10, 60_000)).toEqual([]);
      const reactivated = await webhooks.reactivate('000.00.00.H41', webhookId);
      expect(reactivated).toMatchObject({
        id: webhookId,
        active: true,
        deactivatedAt: null,
        deactivationCode: null,
        deactivationReason: null,
      });
      expect(await webhooks.findForAgency('000.00.00.H41', other.id)).toMatchObject({
        active: false,
        deactivationCode: 'REPLACED',
        deactivationReason: `replaced by webhook ${webhookId}`,
        deactivationReasonVi: `đã được thay bằng webhook ${webhookId}`,
      });
      const resumed = await notifications.claimDue(10, 60_000);
      // Every pending notification of the webhook, however far its backoff had gone.
      expect(resumed.map((n) => n.id)).toEqual(expect.arrayContaining(stopped));
      expect(resumed.every((n) => n.webhookId === webhookId)).toBe(true);
      await dataSource.query(`UPDATE webhook_notifications SET leased_until = now()`);
      await deliverAll();
    });

    it('says who deactivated a webhook, and reactivates only the agency’s own', async () => {
      const webhooks = new WebhookRepository(dataSource);
      expect(await webhooks.reactivate('000.00.00.H41', uuidv7())).toBeNull();
      expect(await webhooks.deactivate('000.00.00.H41', webhookId)).toBe(true);
      expect(await webhooks.findForAgency('000.00.00.H41', webhookId)).toMatchObject({
        active: false,
        deactivationCode: 'DEACTIVATED_BY_AGENCY',
        deactivationReason: 'deactivated by the agency',
        deactivationReasonVi: 'cơ quan đã tự ngừng webhook',
      });
      expect((await webhooks.reactivate('000.00.00.H41', webhookId))?.active).toBe(true);
    });
  });

  describe("a webhook's failure streak (webhooks.failing_since)", () => {
    const T0 = new Date('2026-11-20T08:00:00.000Z');
    const hoursAfter = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
    const FAILING = {
      code: 'FAILING_PERSISTENTLY' as const,
      reason: 'every delivery attempt failed for 72 h',
      reasonVi: 'mọi lần gửi đều thất bại trong 72 giờ',
    };
    /** A stop whatever the streak: the tests that use it are about what the stop does. */
    const failingStop = (): WebhookDeactivation => FAILING;
    let failingId: string;
    let notificationId: string;

    beforeAll(async () => {
      failingId = (
        await new WebhookRepository(dataSource).register(
          '000.00.00.H41',
          'https://failing.example/hook',
          () => SEALED,
        )
      ).id;
      [notificationId] = await enqueue(1, uuidv7(), failingId);
    });

    const failingSince = async (): Promise<Date | null> =>
      (await dataSource.query(`SELECT failing_since FROM webhooks WHERE id = $1`, [failingId]))[0]
        .failing_since;

    /** Claims the notification (due at once), and files an attempt made at `attemptedAt`. */
    async function attempt(
      attemptedAt: Date,
      move: WebhookAttemptOutcome['failureStreak'],
      statusCode = 500,
    ) {
      await dataSource.query(
        `UPDATE webhook_notifications SET next_attempt_at = now(), leased_until = NULL WHERE id = $1`,
        [notificationId],
      );
      const claimed = (await notifications.claimDue(10, 60_000)).find(
        (c) => c.id === notificationId,
      );
      if (!claimed) return { claimed, deactivation: null };
      const deactivation = await notifications.recordAttempt({
        notificationId,
        attempt: claimed.attempt,
        attemptedAt,
        statusCode,
        error: statusCode === 200 ? null : `HTTP ${statusCode}`,
        durationMs: 1,
        retryAt: statusCode === 200 ? null : new Date(Date.now() + 3_600_000),
        failureStreak: move,
      });
      return { claimed, deactivation };
    }

    const failed = (stopIf: (since: Date) => WebhookDeactivation | null = () => null) => ({
      webhookId: failingId,
      outcome: 'failed' as const,
      stopIf: jest.fn(stopIf),
    });

    it('starts at the first failure, keeps that start through later ones, and shows it to claims', async () => {
      const first = failed();
      const { claimed } = await attempt(T0, first);
      expect(claimed?.failingSince).toBeNull();
      expect(first.stopIf).toHaveBeenCalledWith(T0);
      expect(await failingSince()).toEqual(T0);

      const later = failed();
      const next = await attempt(hoursAfter(5), later);
      expect(next.claimed?.failingSince).toEqual(T0);
      expect(later.stopIf).toHaveBeenCalledWith(T0);
      expect(await failingSince()).toEqual(T0);
    });

    it('ends with a success; the next failure starts another', async () => {
      await attempt(hoursAfter(6), { webhookId: failingId, outcome: 'succeeded' }, 200);
      expect(await failingSince()).toBeNull();
      [notificationId] = await enqueue(1, uuidv7(), failingId);
      await attempt(hoursAfter(7), failed());
      expect(await failingSince()).toEqual(hoursAfter(7));
    });

    it('deactivates the webhook when stopIf says so, once; its notification stays pending and unclaimed', async () => {
      const { deactivation } = await attempt(hoursAfter(80), failed(failingStop));
      expect(deactivation).toEqual(FAILING);
      expect(
        await new WebhookRepository(dataSource).findForAgency('000.00.00.H41', failingId),
      ).toMatchObject({
        active: false,
        deactivatedAt: hoursAfter(80),
        deactivationCode: 'FAILING_PERSISTENTLY',
        deactivationReason: FAILING.reason,
        deactivationReasonVi: FAILING.reasonVi,
      });
      // Another failure filed late (claimed before the stop) neither deactivates nor moves it.
      const late = failed(failingStop);
      const deactivatedAgain = await notifications.recordAttempt({
        notificationId,
        attempt: 99,
        attemptedAt: hoursAfter(81),
        statusCode: 500,
        error: 'HTTP 500',
        durationMs: 1,
        retryAt: new Date(Date.now() + 3_600_000),
        failureStreak: late,
      });
      expect(deactivatedAgain).toBeNull();
      expect(late.stopIf).not.toHaveBeenCalled();
      const [{ state }] = await dataSource.query(
        `SELECT state FROM webhook_notifications WHERE id = $1`,
        [notificationId],
      );
      expect(state).toBe('pending');
      expect((await attempt(hoursAfter(82), failed())).claimed).toBeUndefined();
    });

    it('is forgotten by a reactivation: the webhook starts afresh', async () => {
      expect(await failingSince()).toEqual(hoursAfter(7));
      const reactivated = await new WebhookRepository(dataSource).reactivate(
        '000.00.00.H41',
        failingId,
      );
      expect(reactivated).toMatchObject({ active: true, failingSince: null });
      const { claimed } = await attempt(hoursAfter(90), failed());
      expect(claimed?.failingSince).toBeNull();
      expect(await failingSince()).toEqual(hoursAfter(90));
    });

    it("moves without telling the notifiers' caches (no docaxis_webhooks_changed); a deactivation tells them", async () => {
      const listener = new Client({ connectionString: url });
      await listener.connect();
      const heard: string[] = [];
      listener.on('notification', ({ payload }) => heard.push(payload ?? ''));
      await listener.query(`LISTEN ${WEBHOOKS_CHANGED_CHANNEL}`);
      /** What the channel carried while `act` ran, once a marker sent after it arrived. */
      const during = async (act: () => Promise<unknown>): Promise<string[]> => {
        heard.length = 0;
        await act();
        await dataSource.query(`SELECT pg_notify($1, 'marker')`, [WEBHOOKS_CHANGED_CHANNEL]);
        await waitFor(
          () => Promise.resolve(heard),
          (payloads) => payloads.includes('marker'),
          'the marker',
          10_000,
        );
        return heard.filter((payload) => payload !== 'marker');
      };
      try {
        expect(await during(() => attempt(hoursAfter(91), failed()))).toEqual([]);
        expect(
          await during(() =>
            attempt(hoursAfter(92), { webhookId: failingId, outcome: 'succeeded' }, 200),
          ),
        ).toEqual([]);
        [notificationId] = await enqueue(1, uuidv7(), failingId);
        expect(await during(() => attempt(hoursAfter(93), failed(failingStop)))).toEqual(['']);
      } finally {
        await listener.end();
      }
    });

    describe('raced by a success in flight (real interleaving on the webhook row)', () => {
      const RACE_T0 = new Date('2026-11-10T08:00:00.000Z');
      const raceHoursAfter = (hours: number) => new Date(RACE_T0.getTime() + hours * 3_600_000);
      let raceId: string;

      /** A webhook failing since RACE_T0, with two notifications claimed: two POSTs in flight. */
      async function twoPostsInFlight() {
        raceId = (
          await new WebhookRepository(dataSource).register(
            '000.00.00.H41',
            'https://race.example/hook',
            () => SEALED,
          )
        ).id;
        await dataSource.query(`UPDATE webhooks SET failing_since = $2 WHERE id = $1`, [
          raceId,
          RACE_T0,
        ]);
        await enqueue(2, uuidv7(), raceId);
        const claimed = (await notifications.claimDue(10, 60_000)).filter(
          (claim) => claim.webhookId === raceId,
        );
        expect(claimed).toHaveLength(2);
        return claimed;
      }

      function file(
        claim: { id: string; attempt: number },
        attemptedAt: Date,
        statusCode: number,
        failureStreak: WebhookAttemptOutcome['failureStreak'],
      ) {
        return notifications.recordAttempt({
          notificationId: claim.id,
          attempt: claim.attempt,
          attemptedAt,
          statusCode,
          error: statusCode === 200 ? null : `HTTP ${statusCode}`,
          durationMs: 1,
          retryAt: statusCode === 200 ? null : new Date(Date.now() + 3_600_000),
          failureStreak,
        });
      }

      const filingsWaitingForTheRow = (count: number) =>
        waitFor(
          () =>
            dataSource.query<{ waiting: number }[]>(
              `SELECT count(*)::int AS waiting FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                  AND query LIKE 'UPDATE webhooks%'`,
            ),
          ([row]) => row.waiting === count,
          `${count} filing(s) waiting for the webhook row`,
        );

      /**
       * Files `first`, then `second`, in that order on the webhook's row: another connection holds
       * the row meanwhile, each filing queues for it (seen waiting in pg_stat_activity), and
       * PostgreSQL hands the row to them in the order they queued once it is released.
       */
      async function inRowLockOrder<A, B>(
        first: () => Promise<A>,
        second: () => Promise<B>,
      ): Promise<[A, B]> {
        const holder = new Client({ connectionString: url });
        await holder.connect();
        try {
          await holder.query('BEGIN');
          await holder.query('SELECT 1 FROM webhooks WHERE id = $1 FOR UPDATE', [raceId]);
          const filedFirst = first();
          await filingsWaitingForTheRow(1);
          const filedSecond = second();
          await filingsWaitingForTheRow(2);
          await holder.query('COMMIT');
          return await Promise.all([filedFirst, filedSecond]);
        } finally {
          await holder.end();
        }
      }

      const raced = async () =>
        (
          await dataSource.query<
            { active: boolean; deactivation_code: string | null; failing_since: Date | null }[]
          >(`SELECT active, deactivation_code, failing_since FROM webhooks WHERE id = $1`, [raceId])
        )[0];

      it('a success filed after the stop it raced leaves the webhook stopped, with the streak its reason states', async () => {
        const [failing, succeeding] = await twoPostsInFlight();
        const [stop, afterStop] = await inRowLockOrder(
          () =>
            file(failing, raceHoursAfter(80), 500, {
              webhookId: raceId,
              outcome: 'failed',
              stopIf: failingStop,
            }),
          () =>
            file(succeeding, raceHoursAfter(80), 200, { webhookId: raceId, outcome: 'succeeded' }),
        );
        expect(stop).toEqual(FAILING);
        expect(afterStop).toBeNull();
        expect(await raced()).toEqual({
          active: false,
          deactivation_code: 'FAILING_PERSISTENTLY',
          failing_since: RACE_T0,
        });
        const states = await dataSource.query<{ id: string; state: string }[]>(
          `SELECT id, state FROM webhook_notifications WHERE id = ANY($1::uuid[]) ORDER BY id`,
          [[failing.id, succeeding.id]],
        );
        expect(Object.fromEntries(states.map((row) => [row.id, row.state]))).toEqual({
          [failing.id]: 'pending',
          [succeeding.id]: 'delivered',
        });
      });

      it('a failure filed after a success it raced is judged on the streak the success left: no stop', async () => {
        const [failing, succeeding] = await twoPostsInFlight();
        // Failing for 72 h at 80 h: the streak claimed with both POSTs (since RACE_T0) would stop.
        const failedFor72Hours = jest.fn((since: Date) =>
          since <= raceHoursAfter(8) ? FAILING : null,
        );
        const [, stop] = await inRowLockOrder(
          () =>
            file(succeeding, raceHoursAfter(80), 200, { webhookId: raceId, outcome: 'succeeded' }),
          () =>
            file(failing, raceHoursAfter(80), 500, {
              webhookId: raceId,
              outcome: 'failed',
              stopIf: failedFor72Hours,
            }),
        );
        expect(failedFor72Hours.mock.calls).toEqual([[raceHoursAfter(80)]]);
        expect(stop).toBeNull();
        // The failure starts a new streak; the webhook goes on.
        expect(await raced()).toEqual({
          active: true,
          deactivation_code: null,
          failing_since: raceHoursAfter(80),
        });
      });
    });
  });
});

import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { WebhookNotificationRepository } from './webhook-notification.repository';
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
  let notifications: WebhookNotificationRepository;
  let webhookId: string;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('webhooks', [{ code: '000.00.00.H41', name: 'UBND' }]));
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

  async function enqueue(count: number, source = uuidv7()): Promise<string[]> {
    const ids = Array.from({ length: count }, () => uuidv7());
    await dataSource.transaction((manager) =>
      notifications.enqueue(
        manager,
        ids.map((id, index) => ({
          id,
          webhookId,
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
    const NOT_PUBLIC = {
      code: 'DESTINATION_NOT_PUBLIC' as const,
      reason: 'the webhook host receiver.example resolves to 10.0.0.5, which is not public',
    };

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
      expect(await refusedAttempt(claimed[0].id, claimed[0].attempt)).toBe(true);
      // The second refusal of the same batch finds it already stopped.
      expect(await refusedAttempt(claimed[1].id, claimed[1].attempt)).toBe(false);
      const [webhook] = await dataSource.query(
        `SELECT active, deactivated_at IS NOT NULL AS dated, deactivation_code, deactivation_reason
           FROM webhooks WHERE id = $1`,
        [webhookId],
      );
      expect(webhook).toEqual({
        active: false,
        dated: true,
        deactivation_code: 'DESTINATION_NOT_PUBLIC',
        deactivation_reason: NOT_PUBLIC.reason,
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
      });
      expect((await webhooks.reactivate('000.00.00.H41', webhookId))?.active).toBe(true);
    });
  });
});

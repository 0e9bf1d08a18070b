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
});

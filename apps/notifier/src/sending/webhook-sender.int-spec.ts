import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { WebhookNotificationRepository } from '@docaxis/persistence/webhook/webhook-notification.repository';
import { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { testPki } from '@docaxis/testing/test-pki';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import type { NotifierConfig } from '../config/notifier.config';
import { WebhookHttpClient } from './webhook-http-client';
import { WebhookSender } from './webhook-sender.service';

const AGENCY = '000.00.00.H41';
const HOUR_MS = 3_600_000;

/**
 * A receiver that answers 500 for days, on a virtual clock: the sender, the repository and the
 * HTTPS client are the real ones, on the real PostgreSQL, POSTing to a real local receiver; only
 * the sender's clock is virtual (and each notification is made due at once between batches,
 * since the database's own clock does not move with it).
 */
describe('WebhookSender: a receiver failing for days is deactivated (real PostgreSQL and HTTPS, virtual clock)', () => {
  let dataSource: DataSource;
  let server: Server;
  let status = 500;
  let received = 0;
  let webhookId: string;
  let sender: WebhookSender;
  let metrics: AxisMetrics;
  let now = new Date();
  /** Times the sender told the outbox relay that it committed an event. */
  let relayNudges = 0;
  const webhooks = () => new WebhookRepository(dataSource);

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('webhook-failing', [{ code: AGENCY, name: 'UBND' }]));
    const pki = await testPki();
    server = createServer(
      {
        cert: readFileSync(pki.server.certPath, 'utf8'),
        key: readFileSync(pki.server.keyPath, 'utf8'),
      },
      (req, res) => {
        received += 1;
        req.resume().on('end', () => res.writeHead(status).end(status === 200 ? '' : 'down'));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const cipher = new WebhookSecretCipher(randomBytes(32));
    webhookId = (
      await webhooks().register(AGENCY, url, (id) =>
        cipher.seal(id, 'h41-webhook-secret-0123456789-abcdef'),
      )
    ).id;
    const config = {
      WEBHOOK_BATCH_SIZE: 20,
      WEBHOOK_LEASE_MS: 60_000,
      WEBHOOK_TIMEOUT_MS: 5000,
      WEBHOOK_RETRY_BASE_MS: 5000,
      WEBHOOK_RETRY_MAX_MS: HOUR_MS,
      WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: 72,
      WEBHOOK_CA_FILE: pki.server.caBundlePath,
      WEBHOOK_ALLOWED_PRIVATE_NETWORKS: ['127.0.0.0/8'],
    } as NotifierConfig;
    metrics = new AxisMetrics('notifier-spec');
    sender = new WebhookSender(
      config,
      new WebhookNotificationRepository(dataSource),
      new WebhookHttpClient(config),
      cipher,
      metrics,
      // The real outbox writer; the relay that would publish its rows is another spec's subject.
      new WebhookChangeRecorder(new OutboxWriter(), {
        nudge: () => void (relayNudges += 1),
      } as unknown as OutboxRelay),
      () => now,
    );
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dataSource.destroy();
  });

  async function notify(): Promise<string> {
    const id = uuidv7();
    await dataSource.transaction((manager) =>
      new WebhookNotificationRepository(dataSource).enqueue(manager, [
        { id, webhookId, eventType: 'dispatch.delivered', sourceMessageId: id, body: '{}' },
      ]),
    );
    return id;
  }

  /** Moves the virtual clock on, makes every pending notification due, and runs one batch. */
  async function batchAfter(hours: number): Promise<number> {
    now = new Date(now.getTime() + hours * HOUR_MS);
    await dataSource.query(
      `UPDATE webhook_notifications SET next_attempt_at = now(), leased_until = NULL WHERE state = 'pending'`,
    );
    return sender.sendBatch();
  }

  const webhook = async () => (await webhooks().findForAgency(AGENCY, webhookId))!;
  /** The events the outbox holds for the audit trail. */
  const outboxEvents = async () =>
    (
      await dataSource.query<{ message_type: string; payload: Record<string, unknown> }[]>(
        `SELECT message_type, payload FROM outbox_messages ORDER BY id`,
      )
    ).map((row) => ({ type: row.message_type, payload: row.payload }));
  const deactivations = async () => (await metrics.webhooksDeactivated.get()).values;
  const states = async (ids: string[]) =>
    (
      await dataSource.query(
        `SELECT state FROM webhook_notifications WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [ids],
      )
    ).map((row: { state: string }) => row.state);

  it('retries a receiver answering 500; a success after 48 h starts the count again', async () => {
    const first = await notify();
    expect(await batchAfter(0)).toBe(1);
    for (let hour = 0; hour < 47; hour++) await batchAfter(1);
    expect(received).toBe(48);
    expect((await webhook()).failingSince).not.toBeNull();
    status = 200;
    await batchAfter(1);
    expect(await states([first])).toEqual(['delivered']);
    expect((await webhook()).failingSince).toBeNull();
  });

  it('deactivates the webhook (FAILING_PERSISTENTLY) after 72 h of nothing but failures', async () => {
    status = 500;
    const pending = [await notify(), await notify()];
    const startedAt = new Date(now.getTime() + HOUR_MS);
    await batchAfter(1);
    expect((await webhook()).failingSince).toEqual(startedAt);
    for (let hour = 0; hour < 71; hour++) await batchAfter(1);
    expect((await webhook()).active).toBe(true);
    expect(await deactivations()).toEqual([]);
    // Failures that stop nothing write nothing for the audit trail.
    expect(await outboxEvents()).toEqual([]);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    // 72 h after the first failure of the streak.
    await batchAfter(1);
    expect(await webhook()).toMatchObject({
      active: false,
      deactivatedAt: now,
      deactivationCode: 'FAILING_PERSISTENTLY',
      deactivationReason: expect.stringMatching(
        new RegExp(
          `^every delivery attempt failed for 72 h \\(since ${startedAt.toISOString()}.*the last: HTTP 500: down$`,
        ),
      ),
    });
    // Both notifications of the batch failed; the webhook was stopped, counted and logged once.
    expect(await deactivations()).toEqual([
      expect.objectContaining({ labels: { code: 'FAILING_PERSISTENTLY' }, value: 1 }),
    ]);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toContain(
      `webhook ${webhookId} of agency ${AGENCY} deactivated`,
    );
    expect(await states(pending)).toEqual(['pending', 'pending']);
  });

  it('audits the stop: one webhook.changed by the notifier with the reason, committed with it', async () => {
    const stopped = await webhook();
    expect(await outboxEvents()).toEqual([
      {
        type: 'webhook.changed',
        payload: {
          action: 'webhook.deactivated',
          agencyCode: AGENCY,
          webhookId,
          url: stopped.url,
          deactivationCode: 'FAILING_PERSISTENTLY',
          reason: stopped.deactivationReason,
          reasonVi: stopped.deactivationReasonVi,
          occurredAt: expect.any(String),
          actor: 'notifier',
        },
      },
    ]);
    expect(stopped.deactivationReasonVi).toMatch(/^mọi lần gửi đều thất bại trong 72 giờ/);
    expect(relayNudges).toBe(1);
  });

  it('sends nothing more to it, however long it waits', async () => {
    const before = received;
    await notify();
    for (let day = 0; day < 3; day++) expect(await batchAfter(24)).toBe(0);
    expect(received).toBe(before);
  });

  it('resumes once the agency reactivates it: every pending notification sent, the count afresh', async () => {
    status = 200;
    const reactivated = await webhooks().reactivate(AGENCY, webhookId);
    expect(reactivated).toMatchObject({ active: true, failingSince: null, deactivationCode: null });
    expect(await batchAfter(0)).toBe(3);
    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM webhook_notifications WHERE state = 'pending'`,
    );
    expect(pending).toBe(0);
  });
});

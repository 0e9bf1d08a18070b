import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { WEBHOOK_CHANGE_REASON_MAX } from '@docaxis/messaging/contracts/message-payloads';
import { WebhookDeactivationWording } from '@docaxis/persistence/webhook/webhook-deactivation-wording';
import type { WebhookEntity } from '@docaxis/persistence/webhook/webhook.entity';
import type { WebhookDeactivation } from '@docaxis/persistence/webhook/webhook-deactivation';
import type { EntityManager } from 'typeorm';
import { WebhookChangeRecorder } from './webhook-change-recorder';

const WEBHOOK = {
  id: '0192a000-0000-7000-8000-0000000000b1',
  agencyCode: '000.00.00.H41',
  url: 'https://hooks.example.org/x',
  secret: 'h41-webhook-secret-0123456789-abcdef',
  active: false,
  deactivationCode: null,
  deactivationReason: null,
  deactivationReasonVi: null,
} as unknown as WebhookEntity;

/** The webhook as a stop left it. */
function stoppedWith(stop: WebhookDeactivation): WebhookEntity {
  return {
    ...WEBHOOK,
    deactivationCode: stop.code,
    deactivationReason: stop.reason,
    deactivationReasonVi: stop.reasonVi,
  };
}

describe('WebhookChangeRecorder: the webhook.changed event it writes to the outbox', () => {
  /** Records with the real outbox writer (which checks the contract) into a manager that keeps the row. */
  async function recorded(
    webhook: WebhookEntity,
    action: 'webhook.registered' | 'webhook.deactivated',
  ): Promise<Record<string, unknown>> {
    const rows: unknown[][] = [];
    const manager = {
      query: (_sql: string, params: unknown[]) => Promise.resolve(rows.push(params)),
    } as unknown as EntityManager;
    const recorder = new WebhookChangeRecorder(new OutboxWriter(), {} as OutboxRelay);
    await recorder.recording('notifier', action)(manager, webhook);
    // outboxRowsParams: one array per column; the payload is the fifth.
    const [payload] = rows[0][4] as string[];
    return JSON.parse(payload) as Record<string, unknown>;
  }

  it('says why a deactivation happened, in English and Vietnamese, never the secret', async () => {
    const stop = WebhookDeactivationWording.destinationNotPublic('hooks.example.org', '10.0.0.5');
    const payload = await recorded(stoppedWith(stop), 'webhook.deactivated');
    expect(payload).toMatchObject({
      action: 'webhook.deactivated',
      agencyCode: WEBHOOK.agencyCode,
      webhookId: WEBHOOK.id,
      deactivationCode: 'DESTINATION_NOT_PUBLIC',
      reason: stop.reason,
      reasonVi: stop.reasonVi,
      actor: 'notifier',
    });
    expect(JSON.stringify(payload)).not.toContain(String(WEBHOOK.secret));
  });

  it('clips a reason too long for the contract instead of refusing, which would undo the stop', async () => {
    // A receiver's error goes into the reason; "😀" makes the cut fall inside a surrogate pair.
    const lastError = `HTTP 500: ${'😀'.repeat(WEBHOOK_CHANGE_REASON_MAX)}`;
    const stop = WebhookDeactivationWording.failingPersistently({
      hours: 72,
      failingSince: new Date('2026-11-20T08:00:00.000Z'),
      limitHours: 72,
      lastError,
    });
    const payload = await recorded(stoppedWith(stop), 'webhook.deactivated');
    for (const reason of [payload.reason, payload.reasonVi] as string[]) {
      expect(reason.length).toBeLessThanOrEqual(WEBHOOK_CHANGE_REASON_MAX);
      expect(reason.endsWith('😀…')).toBe(true);
    }
    expect(payload.reason).toMatch(/^every delivery attempt failed for 72 h/);
  });

  it('gives a registration no deactivation fields', async () => {
    const payload = await recorded(WEBHOOK, 'webhook.registered');
    expect(Object.keys(payload).sort()).toEqual(
      ['action', 'actor', 'agencyCode', 'occurredAt', 'url', 'webhookId'].sort(),
    );
  });
});

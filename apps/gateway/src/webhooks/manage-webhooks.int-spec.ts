import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { OutboxWriter } from '@docaxis/messaging/outbox/outbox-writer';
import { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';
import type { HostLookup } from '@docaxis/webhooks/destination/webhook-destination';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import { ManageWebhooksUseCase } from './manage-webhooks.usecase';

const AGENCY = '000.00.00.H41';
const CALLER = { agencyCode: AGENCY, certificateSubject: `CN=Văn thư, OU=${AGENCY}` };
const SECRET = 'h41-webhook-secret-0123456789-abcdef';
/** Names resolve to a public address, as the registration check wants. */
const publicLookup: HostLookup = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);

/**
 * What a registration and a reactivation leave for the audit trail (the outbox rows committed with
 * them), on the real PostgreSQL: the webhook replaced has its own deactivation event, beside the
 * new (or reactivated) one's, so an auditor sees why the old one stopped.
 */
describe('ManageWebhooksUseCase: a webhook replaced is audited as deactivated (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let manage: ManageWebhooksUseCase;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('webhook-replaced', [{ code: AGENCY, name: 'UBND' }]));
    manage = new ManageWebhooksUseCase(
      new WebhookRepository(dataSource),
      new WebhookSecretCipher(randomBytes(32)),
      { WEBHOOK_ALLOWED_PRIVATE_NETWORKS: [] },
      // The real outbox writer; the relay that publishes its rows is another spec's subject.
      new WebhookChangeRecorder(new OutboxWriter(), {
        nudge: () => undefined,
      } as unknown as OutboxRelay),
      publicLookup,
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** The events the outbox holds, oldest first: what each did to which webhook, why and who. */
  async function outboxEvents(): Promise<unknown[]> {
    const rows = await dataSource.query<
      { message_type: string; payload: Record<string, unknown> }[]
    >(`SELECT message_type, payload FROM outbox_messages ORDER BY id`);
    return rows.map(({ message_type, payload }) => ({
      type: message_type,
      action: payload.action,
      webhookId: payload.webhookId,
      deactivationCode: payload.deactivationCode,
      reason: payload.reason,
      reasonVi: payload.reasonVi,
      actor: payload.actor,
    }));
  }

  const event = (
    action: string,
    webhookId: string,
    deactivation: { code: string; reason: string; reasonVi: string } | undefined = undefined,
  ) => ({
    type: 'webhook.changed',
    action,
    webhookId,
    deactivationCode: deactivation?.code,
    reason: deactivation?.reason,
    reasonVi: deactivation?.reasonVi,
    actor: CALLER.certificateSubject,
  });
  const replacedBy = (successor: string) => ({
    code: 'REPLACED',
    reason: `replaced by webhook ${successor}`,
    reasonVi: `đã được thay bằng webhook ${successor}`,
  });

  it('a registration replacing the active webhook commits its deactivation (REPLACED) too', async () => {
    const first = await manage.register(CALLER, {
      url: 'https://hooks.example.org/a',
      secret: SECRET,
    });
    // Nothing was active before: nothing replaced, nothing more to audit.
    expect(await outboxEvents()).toEqual([event('webhook.registered', first.id)]);

    const second = await manage.register(CALLER, {
      url: 'https://hooks.example.org/b',
      secret: SECRET,
    });
    expect((await outboxEvents()).slice(1)).toEqual([
      event('webhook.deactivated', first.id, replacedBy(second.id)),
      event('webhook.registered', second.id),
    ]);

    // Reactivating the first replaces the second: audited the same way.
    await manage.reactivate(CALLER, first.id);
    expect((await outboxEvents()).slice(3)).toEqual([
      event('webhook.deactivated', second.id, replacedBy(first.id)),
      event('webhook.reactivated', first.id),
    ]);
  });
});

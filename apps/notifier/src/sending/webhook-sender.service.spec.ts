import { randomBytes } from 'node:crypto';
import type {
  ClaimedWebhookNotification,
  WebhookAttemptOutcome,
  WebhookNotificationRepository,
} from '@docaxis/persistence/webhook/webhook-notification.repository';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import type { NotifierConfig } from '../config/notifier.config';
import type { WebhookHttpClient, WebhookPost } from './webhook-http-client';
import { WebhookSender } from './webhook-sender.service';
import { signWebhookBody } from './webhook-signature';

const SECRET = 'h41-webhook-secret-0123456789-abcdef';
const WEBHOOK_ID = '0192a000-0000-7000-8000-0000000000b1';

describe('WebhookSender: signing with the sealed secret', () => {
  const cipher = new WebhookSecretCipher(randomBytes(32));

  function sender(claimed: ClaimedWebhookNotification) {
    const recorded: WebhookAttemptOutcome[] = [];
    const posted: WebhookPost[] = [];
    const notifications = {
      claimDue: () => Promise.resolve([claimed]),
      recordAttempt: (outcome: WebhookAttemptOutcome) => {
        recorded.push(outcome);
        return Promise.resolve();
      },
    } as unknown as WebhookNotificationRepository;
    const http = {
      post: (post: WebhookPost) => {
        posted.push(post);
        return Promise.resolve({ statusCode: 200, error: null });
      },
    } as unknown as WebhookHttpClient;
    const config = {
      WEBHOOK_BATCH_SIZE: 10,
      WEBHOOK_LEASE_MS: 60_000,
      WEBHOOK_RETRY_BASE_MS: 1000,
      WEBHOOK_RETRY_MAX_MS: 10_000,
    } as NotifierConfig;
    return { send: new WebhookSender(config, notifications, http, cipher), recorded, posted };
  }

  const claimed = (secret: ClaimedWebhookNotification['secret']): ClaimedWebhookNotification => ({
    id: '0192a000-0000-7000-8000-0000000000c1',
    webhookId: WEBHOOK_ID,
    eventType: 'dispatch.delivered',
    body: '{"id":"x"}',
    attempt: 1,
    url: 'https://hooks.example.org/x',
    secret,
  });

  it.each([
    ['sealed', { sealed: cipher.seal(WEBHOOK_ID, SECRET) }],
    ['still plain (not yet sealed at start-up)', { plain: SECRET }],
  ])('signs with the secret, %s', async (_, secret) => {
    const { send, posted, recorded } = sender(claimed(secret));
    await send.sendBatch();
    const timestamp = Number(posted[0].headers['x-docaxis-timestamp']);
    expect(posted[0].headers['x-docaxis-signature']).toBe(
      signWebhookBody(SECRET, timestamp, '{"id":"x"}'),
    );
    expect(recorded[0]).toMatchObject({ error: null, retryAt: null });
  });

  it('files a secret it cannot open as a failed attempt, sending nothing', async () => {
    const foreign = new WebhookSecretCipher(randomBytes(32)).seal(WEBHOOK_ID, SECRET);
    const { send, posted, recorded } = sender(claimed({ sealed: foreign }));
    await send.sendBatch();
    expect(posted).toEqual([]);
    expect(recorded[0].statusCode).toBeNull();
    expect(recorded[0].error).toMatch(/^not sent: .*not configured/);
    expect(recorded[0].retryAt).toBeInstanceOf(Date);
  });
});

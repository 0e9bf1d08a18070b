import { randomBytes } from 'node:crypto';
import type {
  ClaimedWebhookNotification,
  WebhookAttemptOutcome,
  WebhookNotificationRepository,
} from '@docaxis/persistence/webhook/webhook-notification.repository';
import { Logger } from '@nestjs/common';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import type { NotifierConfig } from '../config/notifier.config';
import type { WebhookAnswer, WebhookHttpClient, WebhookPost } from './webhook-http-client';
import { WebhookSender } from './webhook-sender.service';
import { signWebhookBody } from './webhook-signature';

const SECRET = 'h41-webhook-secret-0123456789-abcdef';
const WEBHOOK_ID = '0192a000-0000-7000-8000-0000000000b1';

describe('WebhookSender: signing with the sealed secret', () => {
  const cipher = new WebhookSecretCipher(randomBytes(32));

  function sender(
    claimed: ClaimedWebhookNotification | ClaimedWebhookNotification[],
    answer: WebhookAnswer = { statusCode: 200, error: null },
  ) {
    const recorded: WebhookAttemptOutcome[] = [];
    const posted: WebhookPost[] = [];
    let webhookActive = true;
    const notifications = {
      claimDue: () => Promise.resolve([claimed].flat()),
      // As the repository: only the filing that finds the webhook active deactivates it.
      recordAttempt: (outcome: WebhookAttemptOutcome) => {
        recorded.push(outcome);
        const deactivates = outcome.deactivateWebhook !== undefined && webhookActive;
        if (deactivates) webhookActive = false;
        return Promise.resolve(deactivates);
      },
    } as unknown as WebhookNotificationRepository;
    const http = {
      post: (post: WebhookPost) => {
        posted.push(post);
        return Promise.resolve(answer);
      },
    } as unknown as WebhookHttpClient;
    const config = {
      WEBHOOK_BATCH_SIZE: 10,
      WEBHOOK_LEASE_MS: 60_000,
      WEBHOOK_RETRY_BASE_MS: 1000,
      WEBHOOK_RETRY_MAX_MS: 10_000,
    } as NotifierConfig;
    const metrics = new AxisMetrics('notifier-spec');
    return {
      send: new WebhookSender(config, notifications, http, cipher, metrics),
      recorded,
      posted,
      metrics,
    };
  }

  const claimed = (
    secret: ClaimedWebhookNotification['secret'],
    id = '0192a000-0000-7000-8000-0000000000c1',
  ): ClaimedWebhookNotification => ({
    id,
    webhookId: WEBHOOK_ID,
    agencyCode: '000.00.00.H41',
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

  describe('a host that resolves to a non-public address', () => {
    const refused: WebhookAnswer = {
      statusCode: null,
      error:
        'refused: the webhook host hooks.example.org resolves to 10.0.0.5, which is not public',
      refusal: {
        ok: false,
        reason: 'not-public',
        message: 'the webhook host hooks.example.org resolves to 10.0.0.5, which is not public',
      },
    };

    afterEach(() => jest.restoreAllMocks());

    it('deactivates the webhook with the reason, once, counted and logged', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { send, recorded, metrics } = sender(
        [
          claimed({ plain: SECRET }),
          claimed({ plain: SECRET }, '0192a000-0000-7000-8000-0000000000c2'),
        ],
        refused,
      );
      await send.sendBatch();
      expect(recorded).toHaveLength(2);
      for (const outcome of recorded) {
        expect(outcome).toMatchObject({
          statusCode: null,
          error: refused.error,
          // Still pending: a reactivation sends it.
          retryAt: expect.any(Date),
          deactivateWebhook: {
            webhookId: WEBHOOK_ID,
            code: 'DESTINATION_NOT_PUBLIC',
            reason: expect.stringContaining('resolves to 10.0.0.5'),
          },
        });
      }
      const counted = await metrics.webhooksDeactivated.get();
      expect(counted.values).toEqual([
        expect.objectContaining({ labels: { code: 'DESTINATION_NOT_PUBLIC' }, value: 1 }),
      ]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0][0]).toMatch(
        new RegExp(
          `webhook ${WEBHOOK_ID} of agency 000.00.00.H41 deactivated \\(DESTINATION_NOT_PUBLIC\\)`,
        ),
      );
    });

    it.each(['unresolvable', 'lookup-failed'] as const)(
      'keeps retrying a host that is %s (DNS may recover), deactivating nothing',
      async (reason) => {
        jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
        const { send, recorded, metrics } = sender(claimed({ plain: SECRET }), {
          statusCode: null,
          error: 'refused: …',
          refusal: { ok: false, reason, message: '…' },
        });
        await send.sendBatch();
        expect(recorded[0].deactivateWebhook).toBeUndefined();
        expect(recorded[0].retryAt).toBeInstanceOf(Date);
        expect((await metrics.webhooksDeactivated.get()).values).toEqual([]);
      },
    );
  });
});

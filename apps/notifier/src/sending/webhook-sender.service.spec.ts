import { randomBytes } from 'node:crypto';
import type {
  ClaimedWebhookNotification,
  WebhookAttemptOutcome,
  WebhookNotificationRepository,
} from '@docaxis/persistence/webhook/webhook-notification.repository';
import type { WebhookDeactivation } from '@docaxis/persistence/webhook/webhook-deactivation';
import { Logger } from '@nestjs/common';
import { WebhookDeactivationWording } from '@docaxis/persistence/webhook/webhook-deactivation-wording';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import type { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';
import type { NotifierConfig } from '../config/notifier.config';
import type { WebhookAnswer, WebhookHttpClient, WebhookPost } from './webhook-http-client';
import { WebhookSender } from './webhook-sender.service';
import { signWebhookBody } from './webhook-signature';

const SECRET = 'h41-webhook-secret-0123456789-abcdef';
const WEBHOOK_ID = '0192a000-0000-7000-8000-0000000000b1';

describe('WebhookSender: signing with the sealed secret', () => {
  const cipher = new WebhookSecretCipher(randomBytes(32));

  /**
   * A sender on a fake repository that keeps the webhook's state as the real one does (active,
   * failure streak), a receiver answering `answer`, and a virtual clock the spec moves.
   */
  function sender(
    claimed: ClaimedWebhookNotification | ClaimedWebhookNotification[],
    answer: WebhookAnswer = { statusCode: 200, error: null },
    overrides: Partial<NotifierConfig> = {},
  ) {
    const recorded: WebhookAttemptOutcome[] = [];
    const posted: WebhookPost[] = [];
    const webhook = { active: true, failingSince: null as Date | null };
    const clock = { now: new Date('2026-11-20T08:00:00.000Z') };
    const notifications = {
      claimDue: () =>
        Promise.resolve(
          [claimed].flat().map((c) => ({ ...c, failingSince: webhook.failingSince })),
        ),
      // As the repository: only the filing that finds the webhook active deactivates it.
      recordAttempt: (outcome: WebhookAttemptOutcome) => {
        recorded.push(outcome);
        let stop: WebhookDeactivation | null = outcome.deactivateWebhook ?? null;
        const move = outcome.failureStreak;
        if (move?.outcome === 'succeeded') webhook.failingSince = null;
        if (move?.outcome === 'failed' && webhook.active) {
          webhook.failingSince ??= outcome.attemptedAt;
          stop ??= move.stopIf(webhook.failingSince);
        }
        if (!stop || !webhook.active) return Promise.resolve(null);
        webhook.active = false;
        return Promise.resolve({ code: stop.code, reason: stop.reason, reasonVi: stop.reasonVi });
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
      WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: 72,
      ...overrides,
    } as NotifierConfig;
    const metrics = new AxisMetrics('notifier-spec');
    return {
      send: new WebhookSender(
        config,
        notifications,
        http,
        cipher,
        metrics,
        {
          recording: () => undefined,
          published: () => undefined,
        } as unknown as WebhookChangeRecorder,
        () => clock.now,
      ),
      recorded,
      posted,
      metrics,
      webhook,
      clock,
      /** Moves the virtual clock on. */
      advanceHours: (hours: number) => {
        clock.now = new Date(clock.now.getTime() + hours * 3_600_000);
      },
      /** The receiver's next answers. */
      answerWith: (next: WebhookAnswer) => {
        answer = next;
      },
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
    failingSince: null,
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
    const deactivation = WebhookDeactivationWording.destinationNotPublic(
      'hooks.example.org',
      '10.0.0.5',
    );
    const refused: WebhookAnswer = {
      statusCode: null,
      error: `refused: ${deactivation.reason}`,
      refusal: {
        ok: false,
        reason: 'not-public',
        message: deactivation.reason,
        messageVi: deactivation.reasonVi,
        deactivation,
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
            reasonVi:
              'máy chủ webhook hooks.example.org phân giải tới 10.0.0.5, địa chỉ này không phải địa chỉ công cộng (loopback, mạng riêng, link-local, multicast hoặc dành riêng)',
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
          refusal: { ok: false, reason, message: '…', messageVi: '…' },
        });
        await send.sendBatch();
        expect(recorded[0].deactivateWebhook).toBeUndefined();
        expect(recorded[0].retryAt).toBeInstanceOf(Date);
        expect((await metrics.webhooksDeactivated.get()).values).toEqual([]);
      },
    );
  });

  describe('a receiver that keeps failing (WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS 72, virtual clock)', () => {
    const failing: WebhookAnswer = { statusCode: 500, error: 'HTTP 500: down' };
    const ok: WebhookAnswer = { statusCode: 200, error: null };

    beforeEach(() => {
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => jest.restoreAllMocks());

    it('times attempts and retries by the injected clock', async () => {
      const { send, recorded, clock } = sender(claimed({ plain: SECRET }), failing);
      await send.sendBatch();
      expect(recorded[0].attemptedAt).toEqual(clock.now);
      const delay = recorded[0].retryAt!.getTime() - clock.now.getTime();
      // The first retry: WEBHOOK_RETRY_BASE_MS less up to 10 % jitter.
      expect(delay).toBeGreaterThanOrEqual(900);
      expect(delay).toBeLessThanOrEqual(1000);
    });

    it('keeps retrying for 72 h, then deactivates it once, counted and logged with the reason', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const { send, webhook, metrics, advanceHours, recorded } = sender(
        claimed({ plain: SECRET }),
        failing,
      );
      await send.sendBatch();
      expect(webhook.failingSince).toEqual(new Date('2026-11-20T08:00:00.000Z'));
      for (let hour = 1; hour < 72; hour++) {
        advanceHours(1);
        await send.sendBatch();
      }
      advanceHours(0.99);
      await send.sendBatch();
      expect(webhook.active).toBe(true);
      expect((await metrics.webhooksDeactivated.get()).values).toEqual([]);
      advanceHours(0.01);
      await send.sendBatch();
      expect(webhook.active).toBe(false);
      expect(recorded.at(-1)).toMatchObject({ error: 'HTTP 500: down', retryAt: expect.any(Date) });
      expect((await metrics.webhooksDeactivated.get()).values).toEqual([
        expect.objectContaining({ labels: { code: 'FAILING_PERSISTENTLY' }, value: 1 }),
      ]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0][0]).toMatch(
        /webhook .* of agency 000\.00\.00\.H41 deactivated \(FAILING_PERSISTENTLY\): every delivery attempt failed for 72 h \(since 2026-11-20T08:00:00\.000Z.*the last: HTTP 500: down; its pending notifications wait/,
      );
      // Worded in Vietnamese too.
      const streak = recorded.at(-1)!.failureStreak;
      const stop = streak?.outcome === 'failed' ? streak.stopIf(webhook.failingSince!) : null;
      expect(stop).toEqual({
        code: 'FAILING_PERSISTENTLY',
        reason: expect.stringContaining('failed for 72 h'),
        reasonVi:
          'mọi lần gửi đều thất bại trong 72 giờ (từ 2026-11-20T08:00:00.000Z, giới hạn là 72 giờ); lần cuối: HTTP 500: down',
      });
    });

    it('starts the 72 h again after a success', async () => {
      const { send, webhook, advanceHours, answerWith, recorded } = sender(
        claimed({ plain: SECRET }),
        failing,
      );
      await send.sendBatch();
      advanceHours(71);
      answerWith(ok);
      await send.sendBatch();
      // The claim showed the streak, so the success ends it.
      expect(recorded.at(-1)?.failureStreak).toEqual({
        webhookId: WEBHOOK_ID,
        outcome: 'succeeded',
      });
      expect(webhook.failingSince).toBeNull();
      answerWith(failing);
      advanceHours(1);
      await send.sendBatch();
      advanceHours(71);
      await send.sendBatch();
      expect(webhook.active).toBe(true);
      advanceHours(1);
      await send.sendBatch();
      expect(webhook.active).toBe(false);
    });

    it('files a success of a webhook that was not failing without touching the webhook', async () => {
      const { send, recorded } = sender(claimed({ plain: SECRET }), ok);
      await send.sendBatch();
      expect(recorded[0].failureStreak).toBeUndefined();
    });

    it('does not count an attempt the axis could not sign (its key missing) against the receiver', async () => {
      const foreign = new WebhookSecretCipher(randomBytes(32)).seal(WEBHOOK_ID, SECRET);
      const { send, recorded, webhook, advanceHours } = sender(claimed({ sealed: foreign }));
      for (let day = 0; day < 5; day++) {
        await send.sendBatch();
        advanceHours(24);
      }
      expect(recorded.every((outcome) => outcome.failureStreak === undefined)).toBe(true);
      expect(webhook).toEqual({ active: true, failingSince: null });
    });

    it('never deactivates it with WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS=0', async () => {
      const { send, webhook, advanceHours } = sender(claimed({ plain: SECRET }), failing, {
        WEBHOOK_DEACTIVATE_AFTER_FAILING_HOURS: 0,
      });
      await send.sendBatch();
      advanceHours(10_000);
      await send.sendBatch();
      expect(webhook.active).toBe(true);
    });
  });
});

import type { WebhookRepository } from '@docaxis/persistence/webhook/webhook.repository';
import type { HostLookup } from '@docaxis/webhooks/destination/webhook-destination';
import { WebhookSecretCipher } from '@docaxis/webhooks/secrets/webhook-secret-cipher';
import { ManageWebhooksUseCase } from './manage-webhooks.usecase';
import type { WebhookChangeRecorder } from '@docaxis/webhooks/audit/webhook-change-recorder';
import {
  WebhookHostLookupFailedError,
  WebhookNotFoundError,
  WebhookUrlNotPublicError,
  WebhookUrlUnresolvableError,
} from './webhook.errors';

const SECRET = 'a-webhook-secret-of-at-least-32-chars';
const HOOK_ID = '0192a000-0000-7000-8000-0000000000b1';
const A = { agencyCode: 'A', certificateSubject: 'CN=A' };

describe('ManageWebhooksUseCase: where a webhook may point', () => {
  function useCase(
    lookup: HostLookup,
    allowed: string[] = [],
    before: Record<string, unknown> = { active: false },
  ) {
    const stored = {
      id: HOOK_ID,
      agencyCode: 'A',
      url: 'https://hooks.example.org/x',
      active: true,
      createdAt: new Date(0),
      deactivatedAt: null,
      deactivationCode: null,
      deactivationReason: null,
    };
    const register = jest.fn().mockResolvedValue(stored);
    const reactivate = jest.fn().mockResolvedValue(stored);
    const findForAgency = jest.fn((agencyCode: string, id: string) =>
      Promise.resolve(agencyCode === 'A' && id === HOOK_ID ? { ...stored, ...before } : null),
    );
    const webhooks = { register, reactivate, findForAgency } as unknown as WebhookRepository;
    return {
      register,
      reactivate,
      useCase: new ManageWebhooksUseCase(
        webhooks,
        new WebhookSecretCipher(Buffer.alloc(32, 7)),
        { WEBHOOK_ALLOWED_PRIVATE_NETWORKS: allowed },
        {
          recording: () => () => Promise.resolve(),
          published: () => undefined,
        } as unknown as WebhookChangeRecorder,
        lookup,
      ),
    };
  }
  const resolvesTo =
    (address: string): HostLookup =>
    () =>
      Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
  /** Registers https://hooks.example.org/x with names resolved by `lookup`. */
  function registerWith(lookup: HostLookup) {
    const { useCase: manage, register } = useCase(lookup);
    return {
      register,
      registering: manage.register(A, { url: 'https://hooks.example.org/x', secret: SECRET }),
    };
  }

  it('refuses a host name that resolves to a private address, registering nothing', async () => {
    const { registering, register } = registerWith(resolvesTo('10.1.2.3'));
    await expect(registering).rejects.toBeInstanceOf(WebhookUrlNotPublicError);
    await expect(registering).rejects.toMatchObject({
      code: 'WEBHOOK_URL_NOT_PUBLIC',
      message: expect.stringContaining('hooks.example.org resolves to 10.1.2.3'),
      messageVi: expect.stringContaining('hooks.example.org phân giải tới 10.1.2.3'),
    });
    expect(register).not.toHaveBeenCalled();
  });

  const failsWith =
    (code: string): HostLookup =>
    () =>
      Promise.reject(Object.assign(new Error(`getaddrinfo ${code} hooks.example.org`), { code }));

  it('refuses a name that does not exist (NXDOMAIN) for good: 422 WEBHOOK_URL_UNRESOLVABLE', async () => {
    const { registering, register } = registerWith(failsWith('ENOTFOUND'));
    await expect(registering).rejects.toBeInstanceOf(WebhookUrlUnresolvableError);
    await expect(registering).rejects.toMatchObject({
      details: { reason: expect.stringContaining('does not resolve (ENOTFOUND)') },
      messageVi: expect.stringContaining('không phân giải được thành địa chỉ nào (ENOTFOUND)'),
    });
    expect(register).not.toHaveBeenCalled();
  });

  it.each(['EAI_AGAIN', 'ESERVFAIL', 'ETIMEOUT'])(
    'answers a temporary resolver failure (%s) with 503 WEBHOOK_HOST_LOOKUP_FAILED and when to retry',
    async (code) => {
      const { registering, register } = registerWith(failsWith(code));
      await expect(registering).rejects.toBeInstanceOf(WebhookHostLookupFailedError);
      await expect(registering).rejects.toMatchObject({
        kind: 'unavailable',
        code: 'WEBHOOK_HOST_LOOKUP_FAILED',
        details: { retryAfterSeconds: 30, reason: expect.stringContaining(code) },
      });
      expect(register).not.toHaveBeenCalled();
    },
  );

  it('registers a host name that resolves to public addresses only', async () => {
    const { useCase: manage, register } = useCase(resolvesTo('2606:4700:4700::1111'));
    await manage.register(A, { url: 'https://hooks.example.org/x', secret: SECRET });
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('registers a private address the allow-list names', async () => {
    const { useCase: manage, register } = useCase(resolvesTo('10.1.2.3'), ['10.1.0.0/16']);
    await manage.register(A, { url: 'https://hooks.example.org/x', secret: SECRET });
    expect(register).toHaveBeenCalledTimes(1);
  });

  describe('reactivate', () => {
    it('refuses while the host still resolves to a private address, reactivating nothing', async () => {
      const { useCase: manage, reactivate } = useCase(resolvesTo('10.1.2.3'));
      await expect(manage.reactivate(A, HOOK_ID)).rejects.toBeInstanceOf(WebhookUrlNotPublicError);
      expect(reactivate).not.toHaveBeenCalled();
    });

    it('reactivates once the host resolves to public addresses again', async () => {
      const { useCase: manage, reactivate } = useCase(resolvesTo('93.184.216.34'));
      await expect(manage.reactivate(A, HOOK_ID)).resolves.toMatchObject({
        id: HOOK_ID,
        active: true,
        deactivationCode: null,
      });
      // Its own change and the replaced webhook's, both audited.
      expect(reactivate).toHaveBeenCalledWith(
        'A',
        HOOK_ID,
        expect.any(Function),
        expect.any(Function),
      );
    });

    it('tells the agency to read what it missed while inactive from the inbox', async () => {
      const stoppedAt = new Date('2026-11-20T08:00:00.000Z');
      const { useCase: manage } = useCase(resolvesTo('93.184.216.34'), [], {
        active: false,
        deactivatedAt: stoppedAt,
        deactivationCode: 'FAILING_PERSISTENTLY',
      });
      const answer = await manage.reactivate(A, HOOK_ID);
      expect(answer.catchUp).toEqual({
        inactiveFrom: '2026-11-20T08:00:00.000Z',
        inactiveUntil: expect.any(String),
        inbox: '/api/v1/inbox',
        message: expect.stringContaining('GET /api/v1/inbox từ cursor cuối cùng đã xử lý'),
        messageEn: expect.stringContaining(
          'were not sent to it: read GET /api/v1/inbox from the last cursor you processed',
        ),
      });
      expect(Date.parse(answer.catchUp!.inactiveUntil)).toBeGreaterThan(stoppedAt.getTime());
      expect(answer.catchUp!.messageEn).toContain(
        `(2026-11-20T08:00:00.000Z – ${answer.catchUp!.inactiveUntil})`,
      );
    });

    it('has nothing to catch up on for a webhook that was active', async () => {
      const { useCase: manage } = useCase(resolvesTo('93.184.216.34'), [], { active: true });
      await expect(manage.reactivate(A, HOOK_ID)).resolves.toMatchObject({
        active: true,
        catchUp: null,
      });
    });

    it.each([
      ['another agency', 'B', HOOK_ID],
      ['not a uuid', 'A', 'x'],
    ])('answers WEBHOOK_NOT_FOUND for %s', async (_, agency, id) => {
      const { useCase: manage, reactivate } = useCase(resolvesTo('93.184.216.34'));
      await expect(
        manage.reactivate({ agencyCode: agency, certificateSubject: 'CN=x' }, id),
      ).rejects.toBeInstanceOf(WebhookNotFoundError);
      expect(reactivate).not.toHaveBeenCalled();
    });
  });
});

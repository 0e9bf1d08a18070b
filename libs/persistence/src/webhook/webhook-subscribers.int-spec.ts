import type { DataSource } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { waitFor } from '@docaxis/testing/wait-for';
import { WebhookSubscribers } from './webhook-subscribers';
import { WebhookRepository } from './webhook.repository';

const WITH_HOOK = '000.00.00.H41';
const WITHOUT_HOOK = '000.00.00.H20';

describe('WebhookSubscribers: agencies with a webhook, cached until PostgreSQL reports a change', () => {
  let url: string;
  let dataSource: DataSource;
  let subscribers: WebhookSubscribers;
  let webhooks: WebhookRepository;

  const loads = () =>
    jest
      .mocked(dataSource.query)
      .mock.calls.filter(([sql]) => /FROM webhooks WHERE active/.test(String(sql))).length;

  beforeAll(async () => {
    ({ dataSource, url } = await agencyDatabase('webhook-subscribers', [
      { code: WITH_HOOK, name: 'UBND tỉnh Nghệ An' },
      { code: WITHOUT_HOOK, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    webhooks = new WebhookRepository(dataSource);
    jest.spyOn(dataSource, 'query');
    subscribers = new WebhookSubscribers(dataSource, {
      url,
      reconnect: { initialMs: 100, maxMs: 100 },
    });
    await subscribers.start();
  });

  afterAll(async () => {
    await subscribers.stop();
    await dataSource.destroy();
  });

  /** The backend of the listening connection (a reconnect, which also drops the cache, changes it). */
  async function listenerPids(): Promise<number[]> {
    const rows: { pid: number }[] = await dataSource.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'docaxis-webhook-listener'`,
    );
    return rows.map((row) => row.pid);
  }

  it('answers from memory: one query for any number of events while nothing changes', async () => {
    const before = loads();
    for (let i = 0; i < 20; i++) {
      expect(await subscribers.anySubscribed([WITH_HOOK, WITHOUT_HOOK])).toBe(false);
    }
    expect(loads() - before).toBe(1);
  });

  it('sees a webhook registered elsewhere because PostgreSQL reports the commit', async () => {
    expect(await subscribers.anySubscribed([WITH_HOOK])).toBe(false);
    const listenerBefore = await listenerPids();
    expect(listenerBefore).toHaveLength(1);
    const loadsBefore = loads();
    const noticesBefore = subscribers.noticesReceived;
    const webhook = await webhooks.register(WITH_HOOK, 'https://127.0.0.1/hook', () => ({
      ciphertext: Buffer.from('c'),
      iv: Buffer.alloc(12),
      tag: Buffer.alloc(16),
      keyId: '0123456789abcdef',
    }));
    // Counted, not timed: the one change notice arrives (however late a loaded machine delivers
    // it), on the same listening connection throughout (a reconnect also drops the set), and the
    // next answer reloads once and sees the webhook. A lost notice times out here.
    await waitFor(
      () => Promise.resolve(subscribers.noticesReceived),
      (received) => received > noticesBefore,
      'the registration noticed',
    );
    expect(subscribers.noticesReceived - noticesBefore).toBe(1);
    expect(await subscribers.anySubscribed([WITH_HOOK])).toBe(true);
    expect(loads() - loadsBefore).toBe(1);
    expect(await listenerPids()).toEqual(listenerBefore);
    // Still listening (otherwise every answer is true), and answering from the reloaded set.
    expect(await subscribers.anySubscribed([WITHOUT_HOOK])).toBe(false);
    expect(loads() - loadsBefore).toBe(1);

    await webhooks.deactivate(WITH_HOOK, webhook.id);
    await waitFor(
      () => Promise.resolve(subscribers.noticesReceived),
      (received) => received > noticesBefore + 1,
      'the deactivation noticed',
    );
    expect(await subscribers.anySubscribed([WITH_HOOK])).toBe(false);
    expect(loads() - loadsBefore).toBe(2);
    expect(await listenerPids()).toEqual(listenerBefore);
  });

  it('caches nothing while the listening connection is down, and again once it is back', async () => {
    expect(await subscribers.anySubscribed([WITHOUT_HOOK])).toBe(false);
    await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'docaxis-webhook-listener'`,
    );
    // A change now would not be reported: every answer must defer to the database.
    await waitFor(
      () => subscribers.anySubscribed([WITHOUT_HOOK]),
      (subscribed) => subscribed,
      'the lost listener noticed',
    );
    await waitFor(
      () => subscribers.anySubscribed([WITHOUT_HOOK]),
      (subscribed) => !subscribed,
      'the listener back',
    );
  });
});

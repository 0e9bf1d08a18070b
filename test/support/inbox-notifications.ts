import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { INBOX_DELIVERED_CHANNEL } from '@docaxis/persistence/inbox/inbox-wakeups';
import { waitFor } from './wait-for';

/** A raw session LISTENing on the inbox delivery channel, as a gateway's InboxWakeups does. */
export interface InboxNotifications {
  /**
   * The agency codes heard while `act` ran, in order, once a marker notified after it has arrived.
   * `onHeard` runs for each notification as it arrives (the marker too), say to look at the
   * database at that moment.
   */
  during(act: () => Promise<unknown>, onHeard?: (agency: string) => void): Promise<string[]>;
  stop(): Promise<void>;
}

export async function listenToInboxNotifications(
  url: string,
  dataSource: DataSource,
): Promise<InboxNotifications> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let heard: string[] = [];
  let onEach: ((agency: string) => void) | undefined;
  client.on('notification', ({ payload }) => {
    heard.push(payload ?? '');
    onEach?.(payload ?? '');
  });
  await client.query(`LISTEN ${INBOX_DELIVERED_CHANNEL}`);
  return {
    async during(act, onHeard) {
      heard = [];
      onEach = onHeard;
      await act();
      const marker = randomUUID();
      await dataSource.query(`SELECT pg_notify($1, $2)`, [INBOX_DELIVERED_CHANNEL, marker]);
      await waitFor(
        () => Promise.resolve(heard),
        (payloads) => payloads.includes(marker),
        'the marker',
      );
      onEach = undefined;
      return heard.filter((payload) => payload !== marker);
    },
    stop: () => client.end(),
  };
}

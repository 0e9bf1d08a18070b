import { randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { deliverStatusNotice } from '@docaxis/testing/status-notice-delivery';
import { newStatusNotice } from '@docaxis/testing/status-notice-rows';
import { deliveryOf } from '@docaxis/testing/inbox-delivery';
import { waitFor } from '@docaxis/testing/wait-for';
import { DispatchRepository } from '../dispatch/dispatch.repository';
import { StatusNoticeRepository } from '../status-notice/status-notice.repository';
import { INBOX_DELIVERED_CHANNEL } from './inbox-wakeups';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

/** The InboxDeliveredNotify triggers: what a LISTENing session hears of deliveries. */
describe('inbox delivery notifications (InboxDeliveredNotify triggers, real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  let dispatches: DispatchRepository;
  let notices: StatusNoticeRepository;
  let listener: Client;
  const heard: Notification[] = [];

  beforeAll(async () => {
    ({ dataSource, url } = await agencyDatabase('inbox-notify', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
    ]));
    dispatches = new DispatchRepository(dataSource);
    notices = new StatusNoticeRepository(dataSource);
    listener = new Client({ connectionString: url });
    await listener.connect();
    listener.on('notification', (notification) => heard.push(notification));
    await listener.query(`LISTEN ${INBOX_DELIVERED_CHANNEL}`);
  });

  afterAll(async () => {
    await listener.end();
    await dataSource.destroy();
  });

  async function queuedCopy(): Promise<string> {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'queued')`,
      [id, RECIPIENT],
    );
    return id;
  }

  /** What was heard once a marker notification sent after `act` has arrived (order is kept). */
  async function heardDuring(act: () => Promise<unknown>): Promise<string[]> {
    heard.length = 0;
    await act();
    const marker = randomUUID();
    await dataSource.query(`SELECT pg_notify($1, $2)`, [INBOX_DELIVERED_CHANNEL, marker]);
    await waitFor(
      () => Promise.resolve(heard.map((n) => n.payload)),
      (payloads) => payloads.includes(marker),
      'the marker',
      10_000,
    );
    return heard.map((n) => n.payload ?? '').filter((payload) => payload !== marker);
  }

  it('a delivery notifies its recipient agency', async () => {
    const id = await queuedCopy();
    expect(await heardDuring(() => dispatches.deliver(deliveryOf(id, RECIPIENT)))).toEqual([
      RECIPIENT,
    ]);
  });

  it('a batch of copies to one agency notifies it once', async () => {
    const ids = [await queuedCopy(), await queuedCopy(), await queuedCopy()];
    const batch = ids.map((id) => deliveryOf(id, RECIPIENT));
    expect(await heardDuring(() => dispatches.deliverMany(batch))).toEqual([RECIPIENT]);
  });

  it('only when it commits: a rolled-back delivery, and one that changes nothing, are silent', async () => {
    const id = await queuedCopy();
    const delivery = deliveryOf(id, RECIPIENT);
    const rolledBack = dataSource.transaction(async (manager) => {
      await dispatches.deliver(delivery, manager);
      throw new Error('rolled back');
    });
    expect(await heardDuring(() => rolledBack.catch(() => undefined))).toEqual([]);
    expect(await heardDuring(() => dispatches.deliver(delivery))).toEqual([RECIPIENT]);
    // Redelivered: already delivered, nothing moves.
    expect(
      await heardDuring(() => dispatches.deliver(deliveryOf(id, RECIPIENT, randomUUID()))),
    ).toEqual([]);
    // Other updates of the copy (fetched, acknowledged) are not deliveries.
    expect(
      await heardDuring(() =>
        dataSource.query(
          `UPDATE dispatch_recipients SET state = 'acknowledged', acknowledged_at = now()
            WHERE dispatch_id = $1`,
          [id],
        ),
      ),
    ).toEqual([]);
  });

  it('a status notice delivered notifies its addressee', async () => {
    const dispatchId = await queuedCopy();
    await dispatches.deliver(deliveryOf(dispatchId, RECIPIENT));
    const notice = newStatusNotice({
      dispatchId,
      recipientCode: RECIPIENT,
      authorCode: RECIPIENT,
      addresseeCode: SENDER,
      statusCode: '01',
    });
    await dataSource.transaction((manager) => notices.insert(manager, notice));
    expect(await heardDuring(() => deliverStatusNotice(dataSource, notice.id))).toEqual([SENDER]);
  });
});

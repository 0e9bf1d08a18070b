import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { InboxDeliveryAnnouncer } from '@docaxis/persistence/inbox/inbox-delivery-announcer';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import {
  type InboxNotifications,
  listenToInboxNotifications,
} from '@docaxis/testing/inbox-notifications';
import { recordQueries, statementVerb } from '@docaxis/testing/recorded-queries';
import { insertStatusNotice, newStatusNotice } from '@docaxis/testing/status-notice-rows';
import { DeliverStatusNoticeUseCase } from '../status-notices/deliver-status-notice.usecase';
import { DeliverToInboxUseCase, type DeliverToInboxCommand } from './deliver-to-inbox.usecase';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

/** The router's deliveries announce their agencies after committing (real PostgreSQL). */
describe('router deliveries wake waiting inboxes after they commit (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let heard: InboxNotifications;
  let statements: string[];
  let deliver: DeliverToInboxUseCase;
  let deliverNotice: DeliverStatusNoticeUseCase;

  beforeAll(async () => {
    let url: string;
    ({ dataSource, url } = await agencyDatabase('inbox-announce-router', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
    ]));
    heard = await listenToInboxNotifications(url, dataSource);
    statements = recordQueries(dataSource);
    const relay = { nudge: () => undefined } as unknown as OutboxRelay;
    const announcer = new InboxDeliveryAnnouncer(dataSource);
    deliver = new DeliverToInboxUseCase(
      new DispatchRepository(dataSource),
      relay,
      new AxisMetrics('router'),
      announcer,
    );
    deliverNotice = new DeliverStatusNoticeUseCase(
      dataSource,
      new StatusNoticeRepository(dataSource),
      relay,
      announcer,
    );
  });

  afterAll(async () => {
    await heard.stop();
    await dataSource.destroy();
  });

  async function queuedCopy(): Promise<DeliverToInboxCommand> {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'queued')`,
      [dispatchId, RECIPIENT],
    );
    return { messageId: randomUUID(), dispatchId, recipientCode: RECIPIENT };
  }

  /** The statements `act` sends, by verb, and what the listener heard meanwhile. */
  async function observed(act: () => Promise<unknown>) {
    const from = statements.length;
    const agencies = await heard.during(act);
    // The last one is the spec's marker.
    return { agencies, statements: statements.slice(from, -1).map(statementVerb) };
  }

  it('one delivery: the copy is already visible when its agency hears of it; a redelivery is silent', async () => {
    const command = await queuedCopy();
    const seenWhenHeard: Promise<string>[] = [];
    const agencies = await heard.during(
      () => deliver.execute(command),
      () =>
        seenWhenHeard.push(
          dataSource
            .query(`SELECT state FROM dispatch_recipients WHERE dispatch_id = $1`, [
              command.dispatchId,
            ])
            .then(([row]: { state: string }[]) => row.state),
        ),
    );
    expect(agencies).toEqual([RECIPIENT]);
    expect(await seenWhenHeard[0]).toBe('delivered');
    const again = await observed(() => deliver.execute({ ...command, messageId: randomUUID() }));
    // Redelivered: nothing delivered, nothing announced, no statement for it.
    expect(again).toEqual({ agencies: [], statements: ['WITH'] });
  });

  it('a batch to one agency: one notification, one statement more than the delivery', async () => {
    const batch = [await queuedCopy(), await queuedCopy(), await queuedCopy()];
    expect(await observed(() => deliver.executeMany(batch))).toEqual({
      agencies: [RECIPIENT],
      statements: ['WITH', 'SELECT'],
    });
    // The broker redelivering the whole batch: nothing.
    expect(await observed(() => deliver.executeMany(batch))).toEqual({
      agencies: [],
      statements: ['WITH'],
    });
  });

  it('a batch whose statement fails announces nothing', async () => {
    const good = await queuedCopy();
    const failing = deliver.executeMany([good, { ...good, dispatchId: 'not-a-uuid' }]);
    expect((await observed(() => failing.catch(() => undefined))).agencies).toEqual([]);
    await expect(failing).rejects.toThrow();
  });

  it('a status notice delivered wakes its addressee once; its repeat does not', async () => {
    const { dispatchId } = await queuedCopy();
    const notice = newStatusNotice({
      dispatchId,
      recipientCode: RECIPIENT,
      authorCode: RECIPIENT,
      addresseeCode: SENDER,
      statusCode: '01',
    });
    await dataSource.transaction((m) => insertStatusNotice(m, notice));
    const command = {
      messageId: randomUUID(),
      notice: {
        dispatchId,
        senderCode: SENDER,
        recipientCode: RECIPIENT,
        statusNoticeId: notice.id,
        authorCode: RECIPIENT,
        addresseeCode: SENDER,
        statusCode: '01',
        occurredAt: new Date().toISOString(),
        actor: RECIPIENT,
      },
    } as Parameters<DeliverStatusNoticeUseCase['execute']>[0];
    expect((await observed(() => deliverNotice.execute(command))).agencies).toEqual([SENDER]);
    expect((await observed(() => deliverNotice.execute(command))).agencies).toEqual([]);
  });
});

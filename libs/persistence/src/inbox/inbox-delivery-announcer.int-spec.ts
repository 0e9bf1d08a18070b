import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { DatabaseOutageGate } from '@docaxis/testing/database-outage-gate';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { deliveredBatchEventOf, deliveryOf } from '@docaxis/testing/inbox-delivery';
import {
  type InboxNotifications,
  listenToInboxNotifications,
} from '@docaxis/testing/inbox-notifications';
import { recordQueries } from '@docaxis/testing/recorded-queries';
import { deliverStatusNotice } from '@docaxis/testing/status-notice-delivery';
import { waitFor } from '@docaxis/testing/wait-for';
import { insertStatusNotice, newStatusNotice } from '@docaxis/testing/status-notice-rows';
import { dataSourceOptions } from '../database/data-source-options';
import { DispatchRepository } from '../dispatch/dispatch.repository';
import { INBOX_ANNOUNCEMENT_SQL, InboxDeliveryAnnouncer } from './inbox-delivery-announcer';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';

/** What a LISTENing session hears of InboxDeliveryAnnouncer, and of deliveries without it. */
describe('InboxDeliveryAnnouncer (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let url: string;
  let dispatches: DispatchRepository;
  let announcer: InboxDeliveryAnnouncer;
  let statements: string[];
  let heard: InboxNotifications;

  beforeAll(async () => {
    ({ dataSource, url } = await agencyDatabase('inbox-announce', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
    ]));
    dispatches = new DispatchRepository(dataSource);
    announcer = new InboxDeliveryAnnouncer(dataSource);
    heard = await listenToInboxNotifications(url, dataSource);
    statements = recordQueries(dataSource);
  });

  afterAll(async () => {
    await heard.stop();
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

  it('notifies each agency once, in one statement, whatever the repeats', async () => {
    const from = statements.length;
    expect(await heard.during(() => announcer.announce([RECIPIENT, SENDER, RECIPIENT]))).toEqual([
      RECIPIENT,
      SENDER,
    ]);
    // The announcement, then the spec's marker.
    expect(statements.length - from).toBe(2);
  });

  it('announcements made together share one statement (one transaction)', async () => {
    const from = statements.length;
    const heardTogether = await heard.during(() =>
      Promise.all([announcer.announce([RECIPIENT]), announcer.announce([SENDER, RECIPIENT])]),
    );
    expect(heardTogether).toEqual([RECIPIENT, SENDER]);
    expect(statements.length - from).toBe(2);
  });

  it('one made while another is being sent goes out in the next statement, not lost', async () => {
    const from = statements.length;
    const heardBoth = await heard.during(async () => {
      const first = announcer.announce([RECIPIENT]);
      await waitFor(
        () => Promise.resolve(statements.length),
        (count) => count > from,
        'the first announcement sent',
      );
      await Promise.all([first, announcer.announce([SENDER])]);
    });
    expect(heardBoth).toEqual([RECIPIENT, SENDER]);
    expect(statements.length - from).toBe(3);
  });

  it('commits the announcement without waiting for its WAL flush, and nothing else on that connection', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(INBOX_ANNOUNCEMENT_SQL, ['docaxis_spec_unheard', [RECIPIENT]]);
      const [inside]: Array<{ synchronous_commit: string }> =
        await runner.query(`SHOW synchronous_commit`);
      expect(inside.synchronous_commit).toBe('off');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    // On a pool of one connection, so the next statement runs where the announcement did.
    const single = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
    await single.initialize();
    try {
      expect(
        await heard.during(() => new InboxDeliveryAnnouncer(single).announce([SENDER])),
      ).toEqual([SENDER]);
      const [after] =
        await single.query<Array<{ synchronous_commit: string }>>(`SHOW synchronous_commit`);
      expect(after.synchronous_commit).toBe('on');
    } finally {
      await single.destroy();
    }
  });

  it('sends nothing, not even a statement, for no agency', async () => {
    const from = statements.length;
    expect(await heard.during(() => announcer.announce([]))).toEqual([]);
    expect(statements.length - from).toBe(1);
  });

  it('deliveries themselves notify nothing any more (the triggers are gone): only an announcement does', async () => {
    const ids = [await queuedCopy(), await queuedCopy()];
    expect(await heard.during(() => dispatches.deliver(deliveryOf(ids[0], RECIPIENT)))).toEqual([]);
    expect(
      await heard.during(() =>
        dispatches.deliverMany([deliveryOf(ids[1], RECIPIENT)], deliveredBatchEventOf(RECIPIENT)),
      ),
    ).toEqual([]);
    const notice = newStatusNotice({
      dispatchId: ids[0],
      recipientCode: RECIPIENT,
      authorCode: RECIPIENT,
      addresseeCode: SENDER,
      statusCode: '01',
    });
    await dataSource.transaction((m) => insertStatusNotice(m, notice));
    expect(await heard.during(() => deliverStatusNotice(dataSource, notice.id))).toEqual([]);
  });

  it('a failure to notify is logged at warn and swallowed', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const query = jest
      .spyOn(dataSource, 'query')
      .mockRejectedValueOnce(new Error('connection lost'));
    try {
      await expect(announcer.announce([RECIPIENT])).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${RECIPIENT} not announced`));
    } finally {
      query.mockRestore();
      warn.mockRestore();
    }
  });

  it('a real outage (the database out of reach, its connections dropped) is logged at warn and swallowed', async () => {
    const gate = await DatabaseOutageGate.start(url);
    const throughGate = new DataSource(dataSourceOptions({ url: gate.url }));
    await throughGate.initialize();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const gated = new InboxDeliveryAnnouncer(throughGate);
      // Through the open gate it announces like any other.
      expect(await heard.during(() => gated.announce([RECIPIENT]))).toEqual([RECIPIENT]);
      expect(warn).not.toHaveBeenCalled();
      gate.close();
      const accepted = gate.accepted;
      // The first on the pooled connection the outage cut, the second on a new one it drops.
      expect(await heard.during(() => gated.announce([RECIPIENT]))).toEqual([]);
      expect(await heard.during(() => gated.announce([SENDER]))).toEqual([]);
      expect(gate.accepted).toBeGreaterThan(accepted);
      // The pool may warn of the cut connection too (when it notices it idle): not ours.
      const announcerWarnings = warn.mock.calls
        .map(([message]) => String(message))
        .filter((message) => message.startsWith('inbox delivery to'));
      expect(announcerWarnings).toEqual([
        expect.stringMatching(new RegExp(`^inbox delivery to ${RECIPIENT} not announced .*: \\S`)),
        expect.stringMatching(new RegExp(`^inbox delivery to ${SENDER} not announced .*: \\S`)),
      ]);
    } finally {
      warn.mockRestore();
      await throughGate.destroy();
      await gate.stop();
    }
  });
});

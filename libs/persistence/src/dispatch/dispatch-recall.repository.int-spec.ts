import type { DataSource } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { recallOf } from '@docaxis/testing/dispatch-recall';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { recordQueries, statementVerb } from '@docaxis/testing/recorded-queries';
import { sessionsWaitingForLocks } from '@docaxis/testing/lock-waits';
import { waitFor } from '@docaxis/testing/wait-for';
import { DispatchRecallRepository } from './dispatch-recall.repository';

const SENDER = '000.00.00.G22';
const FETCHER = '000.00.00.H41';
const ACKNOWLEDGER = '000.00.00.H14';
const LATE = '000.00.00.H20';

describe('DispatchRecallRepository.recall (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let recalls: DispatchRecallRepository;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('dispatch-recall', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: FETCHER, name: 'UBND tỉnh Nghệ An' },
      { code: ACKNOWLEDGER, name: 'UBND tỉnh Cao Bằng' },
      { code: LATE, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    recalls = new DispatchRecallRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A routed dispatch whose copies stand in the given states (in the inbox from delivered on). */
  async function dispatchWith(copies: Record<string, string>): Promise<string> {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    for (const [code, state] of Object.entries(copies)) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state, delivered_at)
         VALUES ($1, $2, $3, $4)`,
        [id, code, state, ['pending', 'queued'].includes(state) ? null : new Date()],
      );
    }
    return id;
  }

  async function copies(id: string) {
    return dataSource.query(
      `SELECT recipient_code, state, recall_state, recalled_at IS NOT NULL AS stamped
         FROM dispatch_recipients WHERE dispatch_id = $1 ORDER BY recipient_code`,
      [id],
    );
  }

  async function events(id: string) {
    return dataSource.query(
      `SELECT message_type, payload, correlation_id FROM outbox_messages
        WHERE payload->>'dispatchId' = $1 ORDER BY message_type, payload->>'recipientCode'`,
      [id],
    );
  }

  it('recalls in one statement: unfetched copies withdrawn, fetched ones asked with a notice 13 and its message each, one dispatch.recalled', async () => {
    const id = await dispatchWith({
      [FETCHER]: 'fetched',
      [ACKNOWLEDGER]: 'acknowledged',
      [LATE]: 'delivered',
    });
    const recall = recallOf(id, SENDER);
    const statements = recordQueries(dataSource);
    const outcome = await recalls.recall(recall);
    expect(statements.splice(0).map(statementVerb)).toEqual(['WITH']);
    expect(outcome).toEqual({
      dispatch: { senderCode: SENDER, state: 'routed', recalledAt: null },
      callerState: null,
      recalled: { withdrawnFrom: [LATE], requestedFrom: [ACKNOWLEDGER, FETCHER].sort() },
    });
    const [dispatch] = await dataSource.query(
      `SELECT recalled_at, recall_reason FROM dispatches WHERE id = $1`,
      [id],
    );
    expect(dispatch).toEqual({ recalled_at: recall.recalledAt, recall_reason: recall.reason });
    expect(await copies(id)).toEqual([
      {
        recipient_code: ACKNOWLEDGER,
        state: 'acknowledged',
        recall_state: 'requested',
        stamped: true,
      },
      { recipient_code: LATE, state: 'recalled', recall_state: null, stamped: true },
      { recipient_code: FETCHER, state: 'fetched', recall_state: 'requested', stamped: true },
    ]);
    const notices: Record<string, unknown>[] = await dataSource.query(
      `SELECT id::text, recipient_code, author_code, addressee_code, notice_id, status_code, reason,
              noticed_at, correlation_id, delivery_seq
         FROM status_notices WHERE dispatch_id = $1 ORDER BY recipient_code`,
      [id],
    );
    expect(notices).toEqual(
      [ACKNOWLEDGER, FETCHER].sort().map((code) => ({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
        recipient_code: code,
        author_code: SENDER,
        addressee_code: code,
        notice_id: `recall:${id}:${code}`,
        status_code: '13',
        reason: recall.reason,
        noticed_at: recall.recalledAt,
        correlation_id: recall.correlationId,
        delivery_seq: null,
      })),
    );
    expect(await events(id)).toEqual([
      {
        message_type: 'dispatch.recalled',
        payload: expect.objectContaining({
          senderCode: SENDER,
          reason: recall.reason,
          withdrawnFrom: [LATE],
          withdrawnFromInbox: [LATE],
          requestedFrom: [ACKNOWLEDGER, FETCHER].sort(),
        }),
        correlation_id: recall.correlationId,
      },
      ...notices.map((notice) => ({
        message_type: 'status.noticed',
        payload: expect.objectContaining({
          senderCode: SENDER,
          authorCode: SENDER,
          statusCode: '13',
          recipientCode: notice.recipient_code,
          addresseeCode: notice.recipient_code,
          statusNoticeId: notice.id,
        }),
        correlation_id: recall.correlationId,
      })),
    ]);
  });

  it('names apart the withdrawn copies that had reached the inbox, the only ones to see it leave', async () => {
    const id = await dispatchWith({
      [FETCHER]: 'pending',
      [ACKNOWLEDGER]: 'queued',
      [LATE]: 'delivered',
    });
    expect((await recalls.recall(recallOf(id, SENDER))).recalled).toEqual({
      withdrawnFrom: [ACKNOWLEDGER, FETCHER, LATE].sort(),
      requestedFrom: [],
    });
    const [announced] = (await events(id)).filter(
      (event: { message_type: string }) => event.message_type === 'dispatch.recalled',
    );
    expect(announced.payload).toMatchObject({
      withdrawnFrom: [ACKNOWLEDGER, FETCHER, LATE].sort(),
      withdrawnFromInbox: [LATE],
    });
  });

  it('changes nothing, answering what it read, when recalled already, rejected, or not the caller’s to recall', async () => {
    const recalled = await dispatchWith({ [FETCHER]: 'fetched' });
    await recalls.recall(recallOf(recalled, SENDER));
    const again = await recalls.recall(recallOf(recalled, SENDER));
    expect(again).toEqual({
      dispatch: { senderCode: SENDER, state: 'routed', recalledAt: expect.any(Date) },
      callerState: null,
      recalled: null,
    });

    const rejected = await dispatchWith({ [FETCHER]: 'pending' });
    await dataSource.query(
      `UPDATE dispatches SET state = 'rejected', rejection_code = 'PDF_UNSIGNED' WHERE id = $1`,
      [rejected],
    );
    expect(await recalls.recall(recallOf(rejected, SENDER))).toMatchObject({
      dispatch: { state: 'rejected', recalledAt: null },
      recalled: null,
    });

    const byRecipient = await dispatchWith({ [FETCHER]: 'fetched', [LATE]: 'delivered' });
    expect(await recalls.recall(recallOf(byRecipient, FETCHER))).toEqual({
      dispatch: { senderCode: SENDER, state: 'routed', recalledAt: null },
      callerState: 'fetched',
      recalled: null,
    });
    expect(await copies(byRecipient)).toEqual([
      { recipient_code: LATE, state: 'delivered', recall_state: null, stamped: false },
      { recipient_code: FETCHER, state: 'fetched', recall_state: null, stamped: false },
    ]);

    for (const id of [recalled, rejected, byRecipient]) {
      const written = await events(id);
      expect(
        written.filter((e: { message_type: string }) => e.message_type === 'dispatch.recalled'),
      ).toHaveLength(id === recalled ? 1 : 0);
    }
    expect(await recalls.recall(recallOf('00000000-0000-7000-8000-000000000000', SENDER))).toEqual({
      dispatch: null,
      callerState: null,
      recalled: null,
    });
  });

  it.each([
    {
      change: 'download',
      set: `state = 'fetched', fetched_at = now()`,
      after: 'fetched',
    },
    {
      change: 'first status notice',
      set: `status_code = '01', status_at = now()`,
      after: 'delivered',
    },
  ])(
    'asks, not withdraws, a copy whose $change commits while the recall waits for it',
    async ({ set, after }) => {
      const id = await dispatchWith({ [FETCHER]: 'delivered' });
      const concurrent = dataSource.createQueryRunner();
      await concurrent.connect();
      await concurrent.startTransaction();
      try {
        await concurrent.query(
          `UPDATE dispatch_recipients SET ${set} WHERE dispatch_id = $1 AND recipient_code = $2`,
          [id, FETCHER],
        );
        // The recall's snapshot still shows the copy delivered, neither fetched nor noticed.
        const recalling = recalls.recall(recallOf(id, SENDER));
        await waitFor(
          () => sessionsWaitingForLocks(dataSource),
          (n) => n === 1,
          'the recall to wait for the copy',
        );
        await concurrent.commitTransaction();
        expect((await recalling).recalled).toEqual({ withdrawnFrom: [], requestedFrom: [FETCHER] });
      } finally {
        if (concurrent.isTransactionActive) await concurrent.rollbackTransaction();
        await concurrent.release();
      }
      expect(await copies(id)).toEqual([
        { recipient_code: FETCHER, state: after, recall_state: 'requested', stamped: true },
      ]);
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM status_notices WHERE dispatch_id = $1 AND status_code = '13'`,
        [id],
      );
      expect(n).toBe(1);
    },
  );

  it('asks, not withdraws, a copy not downloaded whose recipient has reported a status on it', async () => {
    // Read as an edXML packet (no download) and registered: the recipient has it in its system.
    const id = await dispatchWith({ [FETCHER]: 'delivered', [LATE]: 'delivered' });
    await dataSource.query(
      `UPDATE dispatch_recipients SET status_code = '03' WHERE dispatch_id = $1 AND recipient_code = $2`,
      [id, FETCHER],
    );
    expect((await recalls.recall(recallOf(id, SENDER))).recalled).toEqual({
      withdrawnFrom: [LATE],
      requestedFrom: [FETCHER],
    });
    expect(await copies(id)).toEqual([
      { recipient_code: LATE, state: 'recalled', recall_state: null, stamped: true },
      { recipient_code: FETCHER, state: 'delivered', recall_state: 'requested', stamped: true },
    ]);
    const asked: { recipient_code: string }[] = await dataSource.query(
      `SELECT recipient_code FROM status_notices WHERE dispatch_id = $1 AND status_code = '13'`,
      [id],
    );
    expect(asked).toEqual([{ recipient_code: FETCHER }]);
  });

  it('withdraws, not asks, a copy its recipient refused (02), downloaded or not', async () => {
    const id = await dispatchWith({ [FETCHER]: 'fetched', [LATE]: 'delivered' });
    await dataSource.query(
      `UPDATE dispatch_recipients SET status_code = '02' WHERE dispatch_id = $1`,
      [id],
    );
    expect((await recalls.recall(recallOf(id, SENDER))).recalled).toEqual({
      withdrawnFrom: [FETCHER, LATE].sort(),
      requestedFrom: [],
    });
    expect(await copies(id)).toEqual([
      { recipient_code: LATE, state: 'recalled', recall_state: null, stamped: true },
      { recipient_code: FETCHER, state: 'recalled', recall_state: null, stamped: true },
    ]);
    const asked = await dataSource.query(
      `SELECT 1 FROM status_notices WHERE dispatch_id = $1 AND status_code = '13'`,
      [id],
    );
    expect(asked).toEqual([]);
  });
});

import type { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { v7 as uuidv7 } from 'uuid';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { deliveryOf } from '@docaxis/testing/inbox-delivery';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { recallOf } from '@docaxis/testing/dispatch-recall';
import { DispatchRecallRepository } from '../dispatch/dispatch-recall.repository';
import { DispatchRepository } from '../dispatch/dispatch.repository';
import { StatusNoticeEntity } from '../status-notice/status-notice.entity';
import { InboxRepository } from './inbox.repository';
import { deliverStatusNotice } from '@docaxis/testing/status-notice-delivery';
import { insertStatusNotice } from '@docaxis/testing/status-notice-rows';

const SENDER = '000.00.00.G22';
const FETCHER = '000.00.00.H41';
const LATE = '000.00.00.H20';

/** Inbox, status notices and recall on the real PostgreSQL schema (committed migrations). */
describe('InboxRepository with status notices and recall (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let dispatches: DispatchRepository;
  let inbox: InboxRepository;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('inbox-status', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: FETCHER, name: 'UBND tỉnh Nghệ An' },
      { code: LATE, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    dispatches = new DispatchRepository(dataSource);
    inbox = new InboxRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A routed dispatch delivered to every recipient. */
  async function deliveredDispatch(recipients: readonly string[]): Promise<string> {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    for (const code of recipients) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'queued')`,
        [id, code],
      );
      await dispatches.deliver(deliveryOf(id, code));
    }
    return id;
  }

  async function notice(dispatchId: string, from: string, to: string, code: string) {
    const id = uuidv7();
    await dataSource.transaction((m) =>
      insertStatusNotice(m, {
        id,
        dispatchId,
        recipientCode: from === SENDER ? to : from,
        authorCode: from,
        addresseeCode: to,
        noticeId: id,
        statusCode: code,
        reason: null,
        staff: null,
        noticedAt: new Date(),
        requestDigest: '0'.repeat(64),
      }),
    );
    return id;
  }

  it('pages dispatches and delivered notices together with one cursor; undelivered notices wait', async () => {
    const dispatchId = await deliveredDispatch([FETCHER]);
    const received = await notice(dispatchId, FETCHER, SENDER, '01');
    expect(await inbox.page(SENDER, 0, 10)).toEqual([]); // not delivered by the router yet

    const seq = await deliverStatusNotice(dataSource, received, `msg-${received}`);
    expect(seq).toEqual(expect.any(Number));
    expect(await deliverStatusNotice(dataSource, received, `msg-${received}`)).toBeNull(); // redelivery

    const senderPage = await inbox.page(SENDER, 0, 10);
    expect(senderPage.map((e) => [e.kind, e.deliverySeq])).toEqual([['status', seq]]);
    const fetcherPage = await inbox.page(FETCHER, 0, 10);
    expect(fetcherPage.map((e) => e.kind)).toEqual(['dispatch']);
    expect(fetcherPage[0].deliverySeq).toBeLessThan(seq!);
    expect(await inbox.page(SENDER, seq!, 10)).toEqual([]);
  });

  it('shows each entry as stored: the copy, the notice and the dispatch columns', async () => {
    const dispatchId = await deliveredDispatch([FETCHER]);
    const id = uuidv7();
    await dataSource.transaction((m) =>
      insertStatusNotice(m, {
        id,
        dispatchId,
        // Three different agencies (and, below, a recording time long before its delivery), so
        // that no two of the page's columns could be swapped unnoticed.
        recipientCode: FETCHER,
        authorCode: LATE,
        addresseeCode: SENDER,
        noticeId: `notice-${id}`,
        statusCode: '03',
        reason: 'Đã phân công xử lý',
        staff: { staff: 'Nguyễn Văn A', department: 'Văn thư' },
        noticedAt: new Date('2026-11-24T01:02:03.456Z'),
        requestDigest: 'ab'.repeat(32),
      }),
    );
    await dataSource.query(
      `UPDATE status_notices SET recorded_at = '2026-11-24T01:02:04.789Z' WHERE id = $1`,
      [id],
    );
    const seq = await deliverStatusNotice(dataSource, id, `msg-${id}`);
    const [dispatch] = await dataSource.query(
      `SELECT id, document_id AS "documentId", sender_code AS "senderCode", subject, urgency,
              due_date::text AS "dueDate" FROM dispatches WHERE id = $1`,
      [dispatchId],
    );
    const [copy] = await dataSource.query(
      `SELECT delivery_seq, state, delivered_at AS "deliveredAt", recall_state AS "recallState"
         FROM dispatch_recipients WHERE dispatch_id = $1 AND recipient_code = $2`,
      [dispatchId, FETCHER],
    );
    const { delivery_seq: copySeq, ...recipient } = copy;
    // An inbox page does not read when a notice became ready, its correlation id or its trace.
    const { readyAt, correlationId, incomingTrace, ...stored } = await dataSource
      .getRepository(StatusNoticeEntity)
      .findOneByOrFail({ id });
    expect(readyAt).not.toBeNull();
    expect(correlationId).toBeNull();
    expect(incomingTrace).toBeNull();

    expect(await inbox.page(FETCHER, Number(copySeq) - 1, 1)).toEqual([
      { kind: 'dispatch', deliverySeq: Number(copySeq), dispatch, recipient },
    ]);
    expect(await inbox.page(SENDER, seq! - 1, 1)).toEqual([
      {
        kind: 'status',
        deliverySeq: seq,
        dispatch,
        notice: { ...stored, deliverySeq: seq, skippedAt: null, skipReason: null },
      },
    ]);
  });

  it('recall withdraws unfetched copies from the inbox and asks fetched ones', async () => {
    const dispatchId = await deliveredDispatch([FETCHER, LATE]);
    await dataSource.query(
      `UPDATE dispatch_recipients SET state = 'fetched', fetched_at = now()
        WHERE dispatch_id = $1 AND recipient_code = $2`,
      [dispatchId, FETCHER],
    );
    const recalls = new DispatchRecallRepository(dataSource);
    const outcome = await recalls.recall(recallOf(dispatchId, SENDER));
    expect(outcome.recalled).toEqual({ withdrawnFrom: [LATE], requestedFrom: [FETCHER] });
    // A second recall finds it recalled and changes nothing.
    expect((await recalls.recall(recallOf(dispatchId, SENDER))).recalled).toBeNull();
    expect((await inbox.page(LATE, 0, 100)).some((e) => e.dispatch.id === dispatchId)).toBe(false);
    const fetched = (await inbox.page(FETCHER, 0, 100)).find((e) => e.dispatch.id === dispatchId);
    expect(fetched).toMatchObject({ kind: 'dispatch', recipient: { recallState: 'requested' } });
    // A delivery message still in flight for a withdrawn copy changes nothing.
    expect(await dispatches.deliver(deliveryOf(dispatchId, LATE))).toBeNull();
  });

  it('reads a page in one query, each entry as the entities would show it', async () => {
    const dispatchId = await deliveredDispatch([FETCHER]);
    await dataSource.query(`UPDATE dispatches SET due_date = '2026-12-31' WHERE id = $1`, [
      dispatchId,
    ]);
    const noticeRowId = await notice(dispatchId, FETCHER, SENDER, '03');
    await dataSource.query(
      `UPDATE status_notices SET reason = 'Đã vào sổ', staff = $2 WHERE id = $1`,
      [noticeRowId, JSON.stringify({ department: 'Văn thư', staff: 'Lê Thị Hoa' })],
    );
    const seq = await deliverStatusNotice(dataSource, noticeRowId, `msg-${noticeRowId}`);

    const queries = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    let senderPage, fetcherPage;
    try {
      senderPage = await inbox.page(SENDER, seq! - 1, 10);
      fetcherPage = await inbox.page(FETCHER, 0, 100);
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      queries.mockRestore();
    }

    const expectedDispatch = {
      id: dispatchId,
      documentId: dispatchId,
      senderCode: SENDER,
      subject: 'V/v thử nghiệm',
      urgency: 'normal',
      dueDate: '2026-12-31',
    };
    const stored = await dataSource.manager.findOneByOrFail(StatusNoticeEntity, {
      id: noticeRowId,
    });
    expect(senderPage).toEqual([
      // All but when it became ready, the recording request's correlation id and the trace,
      // which an inbox page does not read (toEqual: undefined = absent).
      {
        kind: 'status',
        deliverySeq: seq,
        dispatch: expectedDispatch,
        notice: {
          ...stored,
          readyAt: undefined,
          correlationId: undefined,
          incomingTrace: undefined,
        },
      },
    ]);
    const copy = fetcherPage.find((e) => e.dispatch.id === dispatchId);
    expect(copy).toEqual({
      kind: 'dispatch',
      deliverySeq: expect.any(Number),
      dispatch: expectedDispatch,
      recipient: { state: 'delivered', deliveredAt: expect.any(Date), recallState: null },
    });
  });

  it('keeps a notice id unique per author', async () => {
    const dispatchId = await deliveredDispatch([FETCHER]);
    const id = await notice(dispatchId, FETCHER, SENDER, '01');
    await expect(
      dataSource.query(
        `INSERT INTO status_notices (id, dispatch_id, recipient_code, author_code, addressee_code,
           notice_id, status_code, noticed_at, request_digest)
         VALUES ($1, $2, $3, $3, $4, $5, '03', now(), repeat('0', 64))`,
        [uuidv7(), dispatchId, FETCHER, SENDER, id],
      ),
    ).rejects.toThrow(/uq_status_notices_notice_id/);
  });
});

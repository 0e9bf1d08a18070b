import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { insertStatusNotice } from '@docaxis/testing/status-notice-rows';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import {
  deliverStatusNotice,
  deliveredTemplate,
  handleStatusNoticed,
} from '@docaxis/testing/status-notice-delivery';
import { dataSourceOptions } from '../database/data-source-options';
import { StatusNoticeEntity } from './status-notice.entity';
import { StatusNoticeRepository } from './status-notice.repository';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const OTHER_RECIPIENT = '000.00.00.H20';

describe('StatusNoticeRepository.deliver and skip: notice order without retries (real PostgreSQL)', () => {
  let dataSource: DataSource;
  /** A second pool on the same database: another router instance. */
  let otherRouter: DataSource;
  let notices: StatusNoticeRepository;

  beforeAll(async () => {
    let url: string;
    ({ dataSource, url } = await agencyDatabase('notice-order', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
      { code: OTHER_RECIPIENT, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    otherRouter = new DataSource(dataSourceOptions({ url }));
    await otherRouter.initialize();
    notices = new StatusNoticeRepository(dataSource);
  });

  afterAll(async () => {
    await otherRouter?.destroy();
    await dataSource?.destroy();
  });

  /** A recipient's notice to the sender, recorded now (each in its own transaction). */
  async function recordNotice(
    dispatchId: string,
    recipient: string,
    code: string,
    correlationId: string | null = null,
  ) {
    const id = randomUUID();
    await insertStatusNotice(dataSource.manager, {
      id,
      dispatchId,
      recipientCode: recipient,
      authorCode: recipient,
      addresseeCode: SENDER,
      noticeId: `${recipient}-${code}-${id}`,
      statusCode: code,
      reason: null,
      staff: null,
      noticedAt: new Date(),
      requestDigest: '0'.repeat(64),
      correlationId,
    });
    return id;
  }

  /** What discarding the notice's parked message does (in the discard's transaction). */
  async function discard(id: string, reason: string) {
    const [notice] = await rows([id]);
    return dataSource.transaction((manager) =>
      notices.skip(manager, {
        statusNoticeId: id,
        addresseeCode: SENDER,
        reason,
        announcement: deliveredTemplate(notice),
      }),
    );
  }

  async function rows(ids: readonly string[]) {
    const found = await dataSource.manager.findBy(StatusNoticeEntity, { id: In([...ids]) });
    return ids.map((id) => found.find((row) => row.id === id)!);
  }

  /** The `status.delivered` events written for these notices, by notice id. */
  async function deliveredEvents(ids: readonly string[]) {
    return dataSource.query<{ notice: string; seq: number; code: string; sender: string }[]>(
      `SELECT payload->>'statusNoticeId' AS notice, (payload->>'deliverySeq')::bigint AS seq,
              payload->>'statusCode' AS code, payload->>'senderCode' AS sender
         FROM outbox_messages
        WHERE message_type = 'status.delivered' AND payload->>'statusNoticeId' = ANY($1)
        ORDER BY seq`,
      [ids],
    );
  }

  it('makes a notice that overtook an earlier one ready (no error, no retry); the earlier one delivers both in order', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const assigned = await recordNotice(dispatchId, RECIPIENT, '04');
    const processing = await recordNotice(dispatchId, RECIPIENT, '05');
    const otherRecipient = await recordNotice(dispatchId, OTHER_RECIPIENT, '01');

    // Handled first: it only becomes ready (the old code threw EARLIER_STATUS_NOTICE_PENDING).
    expect(await handleStatusNoticed(dataSource, processing, 'm-05')).toEqual({
      duplicate: false,
      delivered: [],
    });
    const [waiting] = await rows([processing]);
    expect(waiting).toMatchObject({ deliverySeq: null, readyAt: expect.any(Date) });
    // Another recipient's notices are not held back by this one's.
    expect(await deliverStatusNotice(dataSource, otherRecipient)).toEqual(expect.any(Number));

    const released = await handleStatusNoticed(dataSource, assigned, 'm-04');
    expect(released.delivered.map((one) => one.id)).toEqual([assigned, processing]);
    const [first, second] = released.delivered.map((one) => one.deliverySeq);
    expect(second).toBeGreaterThan(first);
    expect(await deliveredEvents([assigned, processing])).toEqual([
      { notice: assigned, seq: String(first), code: '04', sender: SENDER },
      { notice: processing, seq: String(second), code: '05', sender: SENDER },
    ]);

    // Redeliveries of either message change nothing and announce nothing more.
    expect(await handleStatusNoticed(dataSource, processing, 'm-05')).toEqual({
      duplicate: true,
      delivered: [],
    });
    expect(await handleStatusNoticed(dataSource, assigned, 'm-04')).toEqual({
      duplicate: true,
      delivered: [],
    });
    expect(await deliveredEvents([assigned, processing])).toHaveLength(2);
  });

  it("announces each released notice under its own request's correlation id, not the releasing message's", async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const assigned = await recordNotice(dispatchId, RECIPIENT, '04', 'request-04');
    const processing = await recordNotice(dispatchId, RECIPIENT, '05', 'request-05');
    const legacy = await recordNotice(dispatchId, RECIPIENT, '06');
    await handleStatusNoticed(dataSource, processing);
    await handleStatusNoticed(dataSource, legacy);
    const [notice] = await rows([assigned]);
    const released = await dataSource.transaction((manager) =>
      notices.deliver(manager, {
        statusNoticeId: assigned,
        addresseeCode: SENDER,
        mark: { consumer: 'router.deliver-status-notice', messageId: randomUUID() },
        announcement: { ...deliveredTemplate(notice), correlationId: 'releasing-message' },
      }),
    );
    expect(released.delivered.map((one) => one.id)).toEqual([assigned, processing, legacy]);
    const events = await dataSource.query(
      `SELECT payload->>'statusNoticeId' AS notice, correlation_id FROM outbox_messages
        WHERE message_type = 'status.delivered' AND payload->>'statusNoticeId' = ANY($1)
        ORDER BY (payload->>'deliverySeq')::bigint`,
      [[assigned, processing, legacy]],
    );
    expect(events).toEqual([
      { notice: assigned, correlation_id: 'request-04' },
      { notice: processing, correlation_id: 'request-05' },
      // Recorded before notices kept theirs: the releasing message's, as before.
      { notice: legacy, correlation_id: 'releasing-message' },
    ]);
  });

  it('delivers each notice once, in the order given, with two routers taking messages in any order', async () => {
    const streams = 12;
    const perStream = 5;
    const recorded: string[][] = [];
    for (let s = 0; s < streams; s++) {
      const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
      const ids: string[] = [];
      for (const code of ['01', '03', '04', '05', '06'].slice(0, perStream)) {
        ids.push(await recordNotice(dispatchId, RECIPIENT, code));
      }
      recorded.push(ids);
    }
    // Every message handled by both routers at once (a redelivery racing the first delivery),
    // the messages of one stream in a shuffled order.
    const handlings = recorded.flatMap((ids) =>
      shuffled(ids).flatMap((id) => [
        () => handleStatusNoticed(dataSource, id, `m-${id}`),
        () => handleStatusNoticed(otherRouter, id, `m-${id}`),
      ]),
    );
    await Promise.all(shuffled(handlings).map((handle) => handle()));

    for (const ids of recorded) {
      const stream = await rows(ids);
      const positions = stream.map((row) => row.deliverySeq);
      expect(positions.every((seq) => seq !== null)).toBe(true);
      expect([...positions].sort((a, b) => a! - b!)).toEqual(positions);
      const events = await deliveredEvents(ids);
      expect(events.map((event) => event.notice)).toEqual(ids);
    }
  });

  it('keeps later notices waiting behind one whose message is parked, and releases them when it is discarded (gap recorded)', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const [received, accepted, assigned] = [
      await recordNotice(dispatchId, RECIPIENT, '01'),
      await recordNotice(dispatchId, RECIPIENT, '03'),
      await recordNotice(dispatchId, RECIPIENT, '04'),
    ];
    // 01's message is parked (never handled); the later ones arrive and wait, nothing lost.
    await handleStatusNoticed(dataSource, accepted);
    await handleStatusNoticed(dataSource, assigned);
    expect((await rows([accepted, assigned])).map((row) => row.deliverySeq)).toEqual([null, null]);

    const released = await discard(received, 'poisoned payload');
    expect(released.map((one) => one.id)).toEqual([accepted, assigned]);
    const [skipped] = await rows([received]);
    expect(skipped).toMatchObject({
      deliverySeq: null,
      skippedAt: expect.any(Date),
      skipReason: 'poisoned payload',
    });
    expect((await deliveredEvents([received, accepted, assigned])).map((e) => e.notice)).toEqual([
      accepted,
      assigned,
    ]);
    // The discarded notice's message, should it come back after all, delivers nothing.
    expect(await deliverStatusNotice(dataSource, received)).toBeNull();
  });

  it('lists as blocking only a notice not ready with ready ones waiting behind it, until it is skipped', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const [received, accepted, assigned] = [
      await recordNotice(dispatchId, RECIPIENT, '01'),
      await recordNotice(dispatchId, RECIPIENT, '03'),
      await recordNotice(dispatchId, RECIPIENT, '04'),
    ];
    // Another recipient's notice whose message is on its way, with nothing behind it: not listed.
    await recordNotice(dispatchId, OTHER_RECIPIENT, '01');
    const listed = async () =>
      (await notices.blocking(200)).filter((one) => one.notice.dispatchId === dispatchId);
    expect(await listed()).toEqual([]);
    await handleStatusNoticed(dataSource, assigned);
    await handleStatusNoticed(dataSource, accepted);
    const [accepting] = await rows([accepted]);
    expect(await listed()).toEqual([
      {
        notice: expect.objectContaining({ id: received, readyAt: null }),
        waiting: 2,
        waitingSince: expect.any(Date),
      },
    ]);
    expect((await listed())[0].waitingSince.getTime()).toBeLessThanOrEqual(
      accepting.readyAt!.getTime(),
    );
    await discard(received, 'unreadable');
    expect(await listed()).toEqual([]);
  });

  it('counts the ready notices a notice holds back, as the blocking list does', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const [received, accepted, assigned] = [
      await recordNotice(dispatchId, RECIPIENT, '01'),
      await recordNotice(dispatchId, RECIPIENT, '03'),
      await recordNotice(dispatchId, RECIPIENT, '04'),
    ];
    const otherRecipients = await recordNotice(dispatchId, OTHER_RECIPIENT, '03');
    await handleStatusNoticed(dataSource, otherRecipients);
    const behind = (ids: readonly string[]) =>
      Promise.all(ids.map((id) => notices.waitingBehind(dataSource.manager, id)));
    // 01 and 03 merely late, nothing ready behind them (another recipient's notice is not theirs).
    expect(await behind([received, accepted, assigned])).toEqual([0, 0, 0]);
    await handleStatusNoticed(dataSource, assigned);
    expect(await behind([received, accepted, assigned])).toEqual([1, 1, 0]);
    await discard(accepted, 'lost');
    expect(await behind([received])).toEqual([1]);
    await handleStatusNoticed(dataSource, received);
    expect(await behind([received, assigned])).toEqual([0, 0]);
  });

  it('releases the waiting notices when the parked earlier message is redriven', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const received = await recordNotice(dispatchId, RECIPIENT, '01');
    const accepted = await recordNotice(dispatchId, RECIPIENT, '03');
    await handleStatusNoticed(dataSource, accepted);

    const redriven = await handleStatusNoticed(dataSource, received);
    expect(redriven.delivered.map((one) => one.id)).toEqual([received, accepted]);
  });

  it('changes nothing when discarding a notice already delivered', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const received = await recordNotice(dispatchId, RECIPIENT, '01');
    const seq = await deliverStatusNotice(dataSource, received);
    const released = await discard(received, 'late discard');
    expect(released).toEqual([]);
    expect((await rows([received]))[0]).toMatchObject({ deliverySeq: seq, skippedAt: null });
  });
});

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

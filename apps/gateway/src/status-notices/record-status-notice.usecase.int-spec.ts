import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { StatusNoticeRepository } from '@docaxis/persistence/status-notice/status-notice.repository';
import { agencyCaller as agency } from '@docaxis/testing/agency-caller';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { sessionsWaitingForLocks } from '@docaxis/testing/lock-waits';
import { waitFor } from '@docaxis/testing/wait-for';
import { RecordStatusNoticeUseCase } from './record-status-notice.usecase';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const STRANGER = '000.00.00.H20';

/** POST /dispatches/:id/status in one statement: every answer, and notices racing (real PostgreSQL). */
describe('RecordStatusNoticeUseCase (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let useCase: RecordStatusNoticeUseCase;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('record-notice', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
      { code: STRANGER, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    const relay = { nudge: () => undefined } as unknown as OutboxRelay;
    useCase = new RecordStatusNoticeUseCase(new StatusNoticeRepository(dataSource), relay);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function deliveredTo(recipient: string, state = 'delivered'): Promise<string> {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, $3)`,
      [dispatchId, recipient, state],
    );
    return dispatchId;
  }

  const post = (dispatchId: string, body: object, from = RECIPIENT) =>
    useCase.execute({ dispatchId, agency: agency(from), body, correlationId: 'c-1' });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'recorded',
      (error: Error & { code?: string }) => error.code ?? error.message,
    );

  it('records a notice with the state it moves to and its announcement to the sender', async () => {
    const dispatchId = await deliveredTo(RECIPIENT);
    const { notice, replayed } = await post(dispatchId, { noticeId: 'n-1', code: '01' });
    expect(replayed).toBe(false);
    expect(notice).toMatchObject({
      noticeId: 'n-1',
      dispatchId,
      recipientCode: RECIPIENT,
      addresseeCode: SENDER,
      code: '01',
      deliveredAt: null,
      skipped: null,
    });
    expect(notice.timestamp).toBe(notice.recordedAt);
    const [copy] = await dataSource.query(
      `SELECT status_code, status_at FROM dispatch_recipients WHERE dispatch_id = $1`,
      [dispatchId],
    );
    expect(copy.status_code).toBe('01');
    // Kept on the notice, so whichever message's handling delivers it announces it under it.
    const [kept] = await dataSource.query(
      `SELECT correlation_id FROM status_notices WHERE id = $1`,
      [notice.id],
    );
    expect(kept).toEqual({ correlation_id: 'c-1' });
    expect(copy.status_at.toISOString()).toBe(notice.recordedAt);
    const [event] = await dataSource.query(
      `SELECT payload FROM outbox_messages WHERE payload->>'statusNoticeId' = $1`,
      [notice.id],
    );
    expect(event.payload).toMatchObject({
      senderCode: SENDER,
      addresseeCode: SENDER,
      recipientCode: RECIPIENT,
      statusCode: '01',
      actor: `CN=${RECIPIENT}`,
    });
  });

  it('answers a repeat with the first notice, and a reused id with other content with NOTICE_ID_REUSED', async () => {
    const dispatchId = await deliveredTo(RECIPIENT);
    const first = await post(dispatchId, { noticeId: 'n-2', code: '01' });
    const again = await post(dispatchId, { noticeId: 'n-2', code: '01' });
    expect(again).toEqual({ notice: first.notice, replayed: true });
    expect(await codeOf(post(dispatchId, { noticeId: 'n-2', code: '03' }))).toBe(
      'NOTICE_ID_REUSED',
    );
  });

  it('keeps the trace a notice passed (as instants), checked by the body schema; none when not given', async () => {
    const dispatchId = await deliveredTo(RECIPIENT);
    const trace = [
      { organId: RECIPIENT, timestamp: '2026-11-20T09:01:00+07:00' },
      { organId: '000.00.01.H41', timestamp: '2026-11-20T02:01:05Z' },
    ];
    const invalid = (body: object) => codeOf(post(dispatchId, { code: '01', ...body }));
    expect(await invalid({ trace: [{ organId: 'H41', timestamp: trace[0].timestamp }] })).toBe(
      'STATUS_NOTICE_INVALID',
    );
    expect(
      await invalid({ trace: [{ organId: RECIPIENT, timestamp: '2026/11/20 09:01:00' }] }),
    ).toBe('STATUS_NOTICE_INVALID');
    expect(await invalid({ trace: [{ ...trace[0], extra: 1 }] })).toBe('STATUS_NOTICE_INVALID');
    expect(await invalid({ trace: Array.from({ length: 33 }, () => trace[0]) })).toBe(
      'STATUS_NOTICE_INVALID',
    );
    const { notice } = await post(dispatchId, { code: '01', trace });
    const withoutTrace = await post(await deliveredTo(RECIPIENT), { code: '01' });
    const kept = await dataSource.query(
      `SELECT incoming_trace FROM status_notices WHERE id = ANY($1) ORDER BY id = $2 DESC`,
      [[notice.id, withoutTrace.notice.id], notice.id],
    );
    expect(kept).toEqual([
      {
        incoming_trace: [
          { organId: RECIPIENT, timestamp: '2026-11-20T02:01:00.000Z' },
          { organId: '000.00.01.H41', timestamp: '2026-11-20T02:01:05.000Z' },
        ],
      },
      { incoming_trace: null },
    ]);
  });

  it('keeps every refusal and its code', async () => {
    const dispatchId = await deliveredTo(RECIPIENT);
    const queued = await deliveredTo(RECIPIENT, 'queued');
    expect(await codeOf(post(dispatchId, { code: '06' }))).toBe('STATUS_TRANSITION_INVALID');
    expect(await codeOf(post(dispatchId, { code: '15' }))).toBe('RECALL_NOT_REQUESTED');
    expect(await codeOf(post(dispatchId, { code: '13' }))).toBe('STATUS_CODE_RESERVED_FOR_SENDER');
    expect(await codeOf(post(dispatchId, { code: '01' }, SENDER))).toBe('NOT_A_RECIPIENT');
    expect(await codeOf(post(dispatchId, { code: '01' }, STRANGER))).toBe('DISPATCH_NOT_FOUND');
    expect(await codeOf(post(queued, { code: '01' }))).toBe('DISPATCH_NOT_FOUND');
    expect(await codeOf(post('not-a-uuid', { code: '01' }))).toBe('DISPATCH_NOT_FOUND');
    expect(await codeOf(post(crypto.randomUUID(), { code: '01' }))).toBe('DISPATCH_NOT_FOUND');
    await dataSource.query(
      `UPDATE dispatch_recipients SET recall_state = 'accepted' WHERE dispatch_id = $1`,
      [dispatchId],
    );
    expect(await codeOf(post(dispatchId, { code: '01' }))).toBe('DISPATCH_RECALLED');
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM status_notices WHERE dispatch_id = $1`,
      [dispatchId],
    );
    expect(count).toBe(0);
  });

  it('records one of racing notices that the same state allows, refusing the others by the state they find', async () => {
    const dispatchId = await deliveredTo(RECIPIENT);
    await post(dispatchId, { code: '01' });
    // 02 and 03 both follow 01 and neither follows the other.
    const outcomes = await Promise.all(
      ['02', '03', '03', '02', '03'].map((code) =>
        codeOf(post(dispatchId, { code, ...(code === '02' ? { reason: 'sai thẩm quyền' } : {}) })),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'STATUS_TRANSITION_INVALID')).toHaveLength(4);
    const notices = await dataSource.query(
      `SELECT status_code FROM status_notices WHERE dispatch_id = $1 ORDER BY recorded_at`,
      [dispatchId],
    );
    expect(notices).toHaveLength(2);
  });

  it('records racing identical requests once, the others answered with the first notice', async () => {
    const dispatchId = await deliveredTo(RECIPIENT);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => post(dispatchId, { noticeId: 'n-race', code: '01' })),
    );
    expect(new Set(results.map((result) => result.notice.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
  });

  it.each([
    {
      recall: 'asks the copy',
      status: '03',
      change: `recall_state = 'requested'`,
      code: '04',
      outcome: 'recorded',
      after: { state: 'fetched', status_code: '04', recall_state: 'requested' },
    },
    {
      recall: 'withdraws the copy',
      status: null,
      change: `state = 'recalled'`,
      code: '01',
      outcome: 'DISPATCH_NOT_FOUND',
      after: { state: 'recalled', status_code: null, recall_state: null },
    },
  ])(
    'answers a notice racing a recall that $recall by the state the recall left',
    async ({ status, change, code, outcome, after }) => {
      const dispatchId = await deliveredTo(RECIPIENT, status ? 'fetched' : 'delivered');
      await dataSource.query(
        `UPDATE dispatch_recipients SET status_code = $2 WHERE dispatch_id = $1`,
        [dispatchId, status],
      );
      const recall = dataSource.createQueryRunner();
      await recall.connect();
      await recall.startTransaction();
      try {
        await recall.query(`UPDATE dispatch_recipients SET ${change} WHERE dispatch_id = $1`, [
          dispatchId,
        ]);
        const noticing = codeOf(post(dispatchId, { code }));
        await waitFor(
          () => sessionsWaitingForLocks(dataSource),
          (n) => n === 1,
          'the notice to wait for the copy',
        );
        await recall.commitTransaction();
        expect(await noticing).toBe(outcome);
      } finally {
        if (recall.isTransactionActive) await recall.rollbackTransaction();
        await recall.release();
      }
      const [copy] = await dataSource.query(
        `SELECT state, status_code, recall_state FROM dispatch_recipients WHERE dispatch_id = $1`,
        [dispatchId],
      );
      expect(copy).toEqual(after);
    },
  );
});

import type { DataSource } from 'typeorm';
import type { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { DispatchRecallRepository } from '@docaxis/persistence/dispatch/dispatch-recall.repository';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { agencyCaller as agency } from '@docaxis/testing/agency-caller';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { sessionsWaitingForLocks } from '@docaxis/testing/lock-waits';
import { waitFor } from '@docaxis/testing/wait-for';
import { RecallDispatchUseCase } from './recall-dispatch.usecase';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const STRANGER = '000.00.00.H20';

/** POST /dispatches/:id/recall in one statement: every refusal and its code (real PostgreSQL). */
describe('RecallDispatchUseCase (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let useCase: RecallDispatchUseCase;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('recall-dispatch', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
      { code: STRANGER, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    const relay = { nudge: () => undefined } as unknown as OutboxRelay;
    useCase = new RecallDispatchUseCase(
      new DispatchRecallRepository(dataSource),
      new DispatchRepository(dataSource),
      relay,
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  async function dispatchTo(state: string): Promise<string> {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, $3)`,
      [dispatchId, RECIPIENT, state],
    );
    return dispatchId;
  }

  const recall = (dispatchId: string, from = SENDER, body: object = { reason: 'Sai sót' }) =>
    useCase.execute(dispatchId, agency(from), body, 'c-1');

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'recalled',
      (error: Error & { code?: string }) => error.code ?? error.message,
    );

  it('keeps every refusal and its code, in the order the checks always had', async () => {
    const delivered = await dispatchTo('delivered');
    expect(await codeOf(recall(delivered, SENDER, {}))).toBe('RECALL_REQUEST_INVALID');
    expect(await codeOf(recall('not-a-uuid'))).toBe('DISPATCH_NOT_FOUND');
    expect(await codeOf(recall('00000000-0000-7000-8000-000000000000'))).toBe('DISPATCH_NOT_FOUND');
    expect(await codeOf(recall(delivered, STRANGER))).toBe('DISPATCH_NOT_FOUND');
    expect(await codeOf(recall(delivered, RECIPIENT))).toBe('NOT_THE_SENDER');
    const rejected = await dispatchTo('pending');
    await dataSource.query(
      `UPDATE dispatches SET state = 'rejected', rejection_code = 'PDF_UNSIGNED' WHERE id = $1`,
      [rejected],
    );
    expect(await codeOf(recall(rejected))).toBe('DISPATCH_NOT_RECALLABLE');

    await expect(recall(delivered)).resolves.toMatchObject({
      dispatchId: delivered,
      reason: 'Sai sót',
      withdrawnFrom: [RECIPIENT],
      requestedFrom: [],
    });
    // Withdrawn from the recipient: it is no party any more.
    expect(await codeOf(recall(delivered, RECIPIENT))).toBe('DISPATCH_NOT_FOUND');
    const again = await recall(delivered).catch((error: Error) => error);
    expect(again).toMatchObject({
      code: 'DISPATCH_ALREADY_RECALLED',
      details: { recalledAt: expect.any(String) },
    });
  });

  it('answers DISPATCH_ALREADY_RECALLED to the second of two recalls racing', async () => {
    const dispatchId = await dispatchTo('fetched');
    const first = dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      await first.query(
        `UPDATE dispatches SET recalled_at = now(), recall_reason = 'x' WHERE id = $1`,
        [dispatchId],
      );
      // Read before the first commits: the dispatch looks recallable to the second.
      const second = codeOf(recall(dispatchId));
      await waitFor(
        () => sessionsWaitingForLocks(dataSource),
        (n) => n === 1,
        'the second recall to wait',
      );
      await first.commitTransaction();
      expect(await second).toBe('DISPATCH_ALREADY_RECALLED');
    } finally {
      if (first.isTransactionActive) await first.rollbackTransaction();
      await first.release();
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { EarlierStatusNoticePendingError } from './earlier-status-notice-pending.error';
import { StatusNoticeRepository } from './status-notice.repository';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const OTHER_RECIPIENT = '000.00.00.H20';

describe('StatusNoticeRepository.deliver: notice order (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let notices: StatusNoticeRepository;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('notice-order', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: RECIPIENT, name: 'UBND tỉnh Nghệ An' },
      { code: OTHER_RECIPIENT, name: 'UBND tỉnh Đồng Tháp' },
    ]));
    notices = new StatusNoticeRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A recipient's notice to the sender, recorded now (each in its own transaction). */
  async function recordNotice(dispatchId: string, recipient: string, code: string) {
    const id = randomUUID();
    await notices.insert(dataSource.manager, {
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
    });
    return id;
  }

  const deliver = (id: string) => dataSource.transaction((manager) => notices.deliver(manager, id));

  it('holds back a notice that overtook an earlier one of the same recipient, then keeps their order', async () => {
    const dispatchId = await insertRoutedDispatch(dataSource, SENDER);
    const assigned = await recordNotice(dispatchId, RECIPIENT, '04');
    const processing = await recordNotice(dispatchId, RECIPIENT, '05');
    const otherRecipient = await recordNotice(dispatchId, OTHER_RECIPIENT, '01');

    await expect(deliver(processing)).rejects.toBeInstanceOf(EarlierStatusNoticePendingError);
    // Another recipient's notices are not held back by this one's.
    expect(await deliver(otherRecipient)).toEqual(expect.any(Number));

    const first = await deliver(assigned);
    const second = await deliver(processing);
    expect(second).toBeGreaterThan(first!);
    // A redelivered message changes nothing.
    expect(await deliver(processing)).toBeNull();
  });
});

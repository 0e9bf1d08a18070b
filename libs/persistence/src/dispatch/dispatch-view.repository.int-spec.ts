import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { insertRoutedDispatch } from '@docaxis/testing/dispatch-rows';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { recordQueries } from '@docaxis/testing/recorded-queries';
import { StatusNoticeRepository } from '../status-notice/status-notice.repository';
import type { DispatchEntity } from './dispatch.entity';
import { DispatchRepository } from './dispatch.repository';
import { DispatchViewRepository } from './dispatch-view.repository';

const SENDER = '000.00.00.G22';
const [FIRST, SECOND] = ['000.00.00.H41', '000.00.14.H20'];

describe('DispatchViewRepository (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let views: DispatchViewRepository;
  let statements: string[];

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase('view', [
      { code: SENDER, name: 'Văn phòng Chính phủ' },
      { code: FIRST, name: 'UBND tỉnh Nghệ An' },
      { code: SECOND, name: 'Sở Nội vụ' },
    ]));
    views = new DispatchViewRepository(dataSource);
    statements = recordQueries(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A routed dispatch with two files, both recipients delivered (FIRST fetched) and notices. */
  async function fullDispatch(replaces: string | null = null): Promise<string> {
    const id = await insertRoutedDispatch(dataSource, SENDER);
    await dataSource.query(
      `UPDATE dispatches SET due_date = '2026-11-27', verified_at = now(), replaces_dispatch_id = $2,
         envelope = '{"replaces": {"documentId": "x", "reason": "sửa"}}', priority = 2
       WHERE id = $1`,
      [id, replaces],
    );
    for (const ordinal of [1, 0]) {
      await dataSource.query(
        `INSERT INTO dispatch_files (id, dispatch_id, ordinal, file_name, content_type, size_bytes,
           sha256, verification)
         VALUES ($1, $2, $3, $4, 'application/pdf', 123456789012, repeat('a', 64), $5)`,
        [randomUUID(), id, ordinal, `tệp ${ordinal}.pdf`, ordinal ? null : { valid: true }],
      );
    }
    for (const code of [SECOND, FIRST]) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state, queued_at,
           delivered_at, fetched_at, delivery_seq)
         VALUES ($1, $2, $3, now() - interval '1 minute', now(), $4, nextval('delivery_seq'))`,
        [id, code, code === FIRST ? 'fetched' : 'delivered', code === FIRST ? new Date() : null],
      );
    }
    for (const code of [FIRST, SECOND, FIRST]) {
      await dataSource.query(
        `INSERT INTO status_notices (id, dispatch_id, recipient_code, author_code, addressee_code,
           notice_id, status_code, reason, staff, noticed_at, request_digest)
         VALUES ($1::uuid, $2, $3, $3, $4, $1::text, '03', 'lý do', '{"name": "A"}', now(), repeat('0', 64))`,
        [randomUUID(), id, code, SENDER],
      );
    }
    return id;
  }

  const byCode = (dispatch: DispatchEntity) => ({
    ...dispatch,
    recipients: [...(dispatch.recipients ?? [])].sort((a, b) =>
      a.recipientCode.localeCompare(b.recipientCode),
    ),
  });

  it('answers in one query what the entity loads answer, for the sender and for a recipient', async () => {
    const id = await fullDispatch();
    await fullDispatch(id);
    await fullDispatch(id);
    const dispatches = new DispatchRepository(dataSource);
    const notices = new StatusNoticeRepository(dataSource);
    for (const [caller, recipient] of [
      [SENDER, undefined],
      [FIRST, FIRST],
    ] as const) {
      statements.length = 0;
      const view = await views.find(id, caller);
      expect(statements).toHaveLength(1);
      expect(view!.dispatch).toEqual(await dispatches.findById(id));
      expect(view!.notices).toEqual(await notices.listForDispatch(id, recipient));
      expect(view!.replacements.map(byCode)).toEqual(
        (await dispatches.findReplacements(id)).map(byCode),
      );
    }
    expect((await views.find(id, FIRST))!.notices).toHaveLength(2);
  });

  it('reads the rejection in both languages, and one rejected before the Vietnamese words as NULL there', async () => {
    const rejectedWith = async (messageVi: string | null) => {
      const id = await insertRoutedDispatch(dataSource, SENDER);
      await dataSource.query(
        `UPDATE dispatches SET state = 'rejected', rejection_code = 'PDF_UNSIGNED',
           rejection_message = '"a.pdf" carries no digital signature.', rejection_message_vi = $2
         WHERE id = $1`,
        [id, messageVi],
      );
      return (await views.find(id, SENDER))!.dispatch;
    };
    expect(await rejectedWith('Tệp "a.pdf" không có chữ ký số.')).toMatchObject({
      rejectionCode: 'PDF_UNSIGNED',
      rejectionMessage: '"a.pdf" carries no digital signature.',
      rejectionMessageVi: 'Tệp "a.pdf" không có chữ ký số.',
    });
    expect(await rejectedWith(null)).toMatchObject({
      rejectionMessage: '"a.pdf" carries no digital signature.',
      rejectionMessageVi: null,
    });
  });

  it('answers null for an unknown dispatch', async () => {
    expect(await views.find(randomUUID(), SENDER)).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { type DataSource, QueryFailedError } from 'typeorm';
import { agencyDatabase } from '@docaxis/testing/agency-database';
import { recordQueries } from '@docaxis/testing/recorded-queries';
import { waitFor } from '@docaxis/testing/wait-for';
import { AgencyRepository } from '../agency/agency.repository';
import { DispatchRepository, type NewDispatch } from './dispatch.repository';

const SENDER = '000.00.00.G22';
const OTHER_SENDER = '000.00.00.H14';
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H20'];

let number = 0;

/** A submission as the gateway builds it: two files, two recipients, a number of its own. */
function submission(overrides: Partial<NewDispatch['dispatch']> = {}): NewDispatch {
  const id = randomUUID();
  number++;
  return {
    dispatch: {
      id,
      senderCode: SENDER,
      idempotencyKey: null,
      requestDigest: 'a'.repeat(64),
      documentId: `${SENDER},2026/11/20,${number}/VPCP-KSTT`,
      codeNumber: String(number),
      codeNotation: 'VPCP-KSTT',
      promulgationYear: 2026,
      subject: "V/v thử nghiệm 'quoted' $1",
      urgency: 'urgent',
      priority: 2,
      dueDate: '2026-11-27',
      envelope: { subject: 'V/v thử nghiệm', nested: { list: [1, 'hai'] } },
      state: 'accepted',
      businessType: 0,
      replacesDispatchId: null,
      rejectionCode: null,
      rejectionMessage: null,
      correlationId: `corr-${number}`,
      verifiedAt: null,
      envelopeSignature: null,
      ...overrides,
    },
    files: [0, 1].map((ordinal) => ({
      id: randomUUID(),
      dispatchId: id,
      ordinal,
      fileName: ordinal === 0 ? 'công văn.pdf' : 'phụ lục.pdf',
      contentType: 'application/pdf',
      sizeBytes: 100_000 + ordinal,
      sha256: String(ordinal).repeat(64),
      verification: null,
    })),
    recipientCodes: RECIPIENTS,
    announcement: {
      id: randomUUID(),
      destination: 'events',
      routingKey: 'dispatch.submitted',
      messageType: 'dispatch.submitted',
      payload: JSON.stringify({ dispatchId: id }),
      headers: '{}',
      priority: 2,
      correlationId: `corr-${number}`,
    },
  };
}

describe('DispatchRepository.insert: a submission and its announcement in one statement (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let dispatches: DispatchRepository;

  beforeAll(async () => {
    ({ dataSource } = await agencyDatabase(
      'dispatch-insert',
      [SENDER, OTHER_SENDER, ...RECIPIENTS].map((code) => ({ code, name: `Cơ quan ${code}` })),
    ));
    dispatches = new DispatchRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const insert = async (input: NewDispatch) => (await dispatches.insert(input)).inserted;

  async function announced(input: NewDispatch): Promise<unknown[]> {
    return dataSource.query(
      `SELECT routing_key, message_type, payload, headers, priority, correlation_id
         FROM outbox_messages WHERE id = $1`,
      [input.announcement.id],
    );
  }

  it('writes the dispatch, its files, its pending recipients and its announcement in one statement', async () => {
    // As from an edXML packet: its signature report, trace, clerk and each file's Description.
    const input = submission({
      envelopeSignature: { indication: 'TOTAL-PASSED' },
      incomingTrace: [
        { organId: SENDER, timestamp: '2026-11-20T02:00:00.000Z' },
        { organId: '000.00.01.G22', timestamp: '2026-11-20T02:00:07.000Z' },
      ],
      senderStaff: { department: 'Phòng Văn thư - Lưu trữ', staff: 'Trần Thị B' },
    });
    input.files = input.files.map((file) => ({
      ...file,
      description: file.ordinal === 0 ? 'Văn bản chính' : null,
    }));
    const manager = dataSource.createEntityManager();
    const statements = recordQueries(manager);
    expect(await dispatches.insert(input, manager)).toEqual({
      inserted: true,
      recipientStatuses: new Map(RECIPIENTS.map((code) => [code, 'active'])),
    });
    expect(statements).toHaveLength(1);
    expect(await announced(input)).toEqual([
      {
        routing_key: 'dispatch.submitted',
        message_type: 'dispatch.submitted',
        payload: { dispatchId: input.dispatch.id },
        headers: {},
        priority: 2,
        correlation_id: input.dispatch.correlationId,
      },
    ]);

    const stored = await dispatches.findById(input.dispatch.id);
    expect(stored).toMatchObject({
      ...input.dispatch,
      files: input.files,
      recipients: RECIPIENTS.map((recipientCode) => ({ recipientCode, state: 'pending' })).sort(
        (a, b) => a.recipientCode.localeCompare(b.recipientCode),
      ),
    });
    expect(stored?.createdAt).toBeInstanceOf(Date);
  });

  it('stores no trace, clerk or Description for a submission without them (JSON)', async () => {
    const input = submission();
    expect(await insert(input)).toBe(true);
    const stored = await dispatches.findById(input.dispatch.id);
    expect(stored).toMatchObject({ incomingTrace: null, senderStaff: null });
    expect(stored?.files?.map((file) => file.description)).toEqual([null, null]);
  });

  it('writes nothing and answers false when the sender already used the idempotency key', async () => {
    const first = submission({ idempotencyKey: 'key-1' });
    expect(await insert(first)).toBe(true);
    const again = submission({ idempotencyKey: 'key-1' });
    expect(await insert(again)).toBe(false);
    expect(await dispatches.findById(again.dispatch.id)).toBeNull();
    expect(await announced(again)).toEqual([]);
    const [{ files }] = await dataSource.query(
      `SELECT count(*)::int AS files FROM dispatch_files WHERE id = ANY($1)`,
      [again.files.map((file) => file.id)],
    );
    expect(files).toBe(0);
    // Keys are the sender's own; and no key at all never conflicts.
    expect(await insert(submission({ idempotencyKey: 'key-1', senderCode: OTHER_SENDER }))).toBe(
      true,
    );
    expect(await insert(submission())).toBe(true);
    expect(await insert(submission())).toBe(true);
  });

  it('makes a concurrent submission with the same key wait for the first, then answer false', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const first = await dispatches.insert(submission({ idempotencyKey: 'race' }), runner.manager);
      expect(first.inserted).toBe(true);
      let second: boolean | undefined;
      const racing = insert(submission({ idempotencyKey: 'race' })).then((r) => (second = r));
      await waitFor(
        async () => {
          const [{ n }] = await dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return n as number;
        },
        (n) => n === 1,
        'the second insert to wait for the first',
      );
      expect(second).toBeUndefined();
      await runner.commitTransaction();
      expect(await racing).toBe(false);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('writes nothing unless every recipient is registered and active, and says what it found', async () => {
    const SUSPENDED = '000.00.14.H20';
    await new AgencyRepository(dataSource).upsertMany([
      { code: SUSPENDED, name: 'Sở tạm ngừng', status: 'suspended' },
    ]);
    const input = submission();
    input.recipientCodes = [RECIPIENTS[0], SUSPENDED, '000.00.00.H99'];
    expect(await dispatches.insert(input)).toEqual({
      inserted: false,
      recipientStatuses: new Map([
        [RECIPIENTS[0], 'active'],
        [SUSPENDED, 'suspended'],
      ]),
    });
    expect(await dispatches.findById(input.dispatch.id)).toBeNull();
    expect(await announced(input)).toEqual([]);
  });

  it('raises a taken number as the uq_dispatches_number violation', async () => {
    const first = submission();
    await insert(first);
    const taken = submission({ codeNumber: first.dispatch.codeNumber });
    const error = await insert(taken).catch((e: unknown) => e);
    expect(await announced(taken)).toEqual([]);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as { driverError: { constraint: string } }).driverError.constraint).toBe(
      'uq_dispatches_number',
    );
  });
});

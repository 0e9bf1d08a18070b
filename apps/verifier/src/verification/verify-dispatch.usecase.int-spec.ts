import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FilesystemBlobStore } from '@docaxis/blob-store/filesystem-blob-store';
import { OutboxRelay } from '@docaxis/messaging/outbox/outbox-relay';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { dataSourceOptions } from '@docaxis/persistence/database/data-source-options';
import { DispatchVerificationRepository } from '@docaxis/persistence/dispatch/dispatch-verification.repository';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { type PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';
import { SqlStatementCounter } from '@docaxis/testing/sql-statement-counter';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { testRunDir } from '@docaxis/testing/test-run';
import { AmqpConnection } from '@docaxis/messaging/connection/amqp-connection';
import { ConsumerHost } from '@docaxis/messaging/consumer/consumer-host';
import { MessageHandlerRegistry } from '@docaxis/messaging/consumer/message-handler-registry';
import { MessageTypes } from '@docaxis/messaging/contracts/message-types';
import { ConfirmingPublisher } from '@docaxis/messaging/publisher/confirming-publisher';
import {
  QueueRecorder,
  testAmqpUrl,
  testPrefix,
  waitUntil,
} from '@docaxis/messaging/testing/rabbitmq-test-kit';
import { RecordingLogger } from '@docaxis/messaging/testing/recording-logger';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import type { PdfVerifier } from '@docaxis/signature/verification/pdf-verifier';
import type { VerifierConfig } from '../config/verifier.config';
import { DispatchRejectionCode } from './dispatch-rejection';
import { VerificationConsumer } from './verification.consumer';
import { RevocationRetryPolicy } from './revocation-retry-policy';
import { VerifyDispatchUseCase } from './verify-dispatch.usecase';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const SENDER = '000.00.00.G22';
const OTHER_AGENCY = '000.00.00.H41';
// Inserted out of order: the event lists them sorted.
const RECIPIENTS = ['000.00.14.H20', '000.00.00.H41', '000.00.00.H14'];

interface StoredDispatch {
  state: string;
  rejection_code: string | null;
  rejection_message: string | null;
  rejection_message_vi: string | null;
  verified_at: Date | null;
}

/**
 * The verifier's decision on real PostgreSQL: state, every file's report and the event commit
 * together, once per dispatch however many times (or how concurrently) it is delivered.
 */
describe('VerifyDispatchUseCase (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let pki: DevPki;
  let blobDir: string;
  let blobs: FilesystemBlobStore;
  let verifier: PdfSignatureVerifier;
  let useCase: VerifyDispatchUseCase;
  let number = 0;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    dataSource = new DataSource(
      dataSourceOptions({ url: await createTestDatabase('verify-dispatch'), poolSize: 4 }),
    );
    await dataSource.initialize();
    await new AgencyRepository(dataSource).upsertMany(
      [SENDER, ...RECIPIENTS].map((code) => ({ code, name: code })),
    );
    pki = await testPki();
    blobDir = mkdtempSync(join(testRunDir(), 'verifier-blobs-'));
    blobs = new FilesystemBlobStore(blobDir);
    verifier = await createDevPkiPdfVerifier(pki);
    const relay = { nudge: () => undefined } as unknown as OutboxRelay;
    useCase = new VerifyDispatchUseCase(
      new DispatchVerificationRepository(dataSource),
      blobs,
      verifier,
      relay,
      new AxisMetrics('verifier-spec'),
      new RevocationRetryPolicy(3_600_000),
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** An accepted dispatch of SENDER with these PDFs (ordinal order) and the three recipients. */
  async function acceptedDispatch(pdfs: Buffer[], priority = 0): Promise<string> {
    const id = randomUUID();
    number += 1;
    await dataSource.query(
      `INSERT INTO dispatches (id, sender_code, request_digest, document_id, code_number,
         code_notation, promulgation_year, subject, urgency, priority, envelope, state, correlation_id)
       VALUES ($1, $2, repeat('0', 64), $3, $4, 'VPCP-KSTT', 2026, 'V/v thử nghiệm', 'normal', $5,
         '{}', 'accepted', $6)`,
      [id, SENDER, id, String(number), priority, id],
    );
    for (const code of RECIPIENTS) {
      await dataSource.query(
        `INSERT INTO dispatch_recipients (dispatch_id, recipient_code, state) VALUES ($1, $2, 'pending')`,
        [id, code],
      );
    }
    // Inserted last ordinal first: the verifier must still judge and report in ordinal order.
    for (const [ordinal, pdf] of [...pdfs.entries()].reverse()) {
      const stored = await blobs.put(pdf);
      await dataSource.query(
        `INSERT INTO dispatch_files (id, dispatch_id, ordinal, file_name, content_type, size_bytes, sha256)
         VALUES ($1, $2, $3, $4, 'application/pdf', $5, $6)`,
        [randomUUID(), id, ordinal, `file-${ordinal}.pdf`, stored.sizeBytes, stored.sha256],
      );
    }
    return id;
  }

  async function dispatchRow(id: string): Promise<StoredDispatch> {
    const [row] = await dataSource.query<StoredDispatch[]>(
      `SELECT state, rejection_code, rejection_message, rejection_message_vi, verified_at
         FROM dispatches WHERE id = $1`,
      [id],
    );
    return row;
  }

  async function fileReports(id: string): Promise<{ file_name: string; indication: string }[]> {
    return dataSource.query(
      `SELECT file_name, verification->>'indication' AS indication
         FROM dispatch_files WHERE dispatch_id = $1 ORDER BY ordinal`,
      [id],
    );
  }

  async function events(
    id: string,
  ): Promise<{ message_type: string; priority: number; payload: Record<string, unknown> }[]> {
    return dataSource.query(
      `SELECT message_type, priority, payload FROM outbox_messages
        WHERE payload->>'dispatchId' = $1 ORDER BY id`,
      [id],
    );
  }

  it('verifies a dispatch: state, both reports and the event commit together', async () => {
    const id = await acceptedDispatch(
      [await signedDispatchPdf(pki, SENDER), await signedDispatchPdf(pki, SENDER)],
      1,
    );
    await useCase.execute({ messageId: randomUUID(), dispatchId: id });

    const row = await dispatchRow(id);
    expect(row).toMatchObject({
      state: 'verified',
      rejection_code: null,
      rejection_message: null,
      rejection_message_vi: null,
    });
    expect(row.verified_at).toBeInstanceOf(Date);
    expect(await fileReports(id)).toEqual([
      { file_name: 'file-0.pdf', indication: 'TOTAL-PASSED' },
      { file_name: 'file-1.pdf', indication: 'TOTAL-PASSED' },
    ]);
    const [event, ...more] = await events(id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ message_type: 'dispatch.verified', priority: 1 });
    expect(event.payload).toMatchObject({
      dispatchId: id,
      senderCode: SENDER,
      recipientCodes: [...RECIPIENTS].sort(),
      files: [
        { fileName: 'file-0.pdf', indication: 'TOTAL-PASSED', signatures: 2 },
        { fileName: 'file-1.pdf', indication: 'TOTAL-PASSED', signatures: 2 },
      ],
    });
  });

  it('spends two statements: the read, then the verdict with its reports, mark and event (no transaction)', async () => {
    const id = await acceptedDispatch([await signedDispatchPdf(pki, SENDER)]);
    const sql = new SqlStatementCounter().install();
    try {
      await sql.during(() => useCase.execute({ messageId: randomUUID(), dispatchId: id }));
    } finally {
      sql.uninstall();
    }
    expect([...sql.counts.values()].flatMap((kinds) => [...kinds])).toEqual([
      ['SELECT dispatch_files', 1],
      ['WITH processed_messages', 1],
    ]);
    expect(await dispatchRow(id)).toMatchObject({ state: 'verified' });
    expect((await events(id)).map((event) => event.message_type)).toEqual(['dispatch.verified']);
  });

  it("rejects a dispatch whose appendix bears another agency's seal, keeping both reports", async () => {
    const id = await acceptedDispatch([
      await signedDispatchPdf(pki, SENDER),
      await signedDispatchPdf(pki, OTHER_AGENCY),
    ]);
    await useCase.execute({ messageId: randomUUID(), dispatchId: id });

    // Both languages stored: the English reason where it always was, the Vietnamese beside it.
    const english = `"file-1.pdf" is signed by agency ${OTHER_AGENCY}, not by the sender ${SENDER}.`;
    const vietnamese = `Tệp "file-1.pdf" mang chữ ký số của cơ quan có mã định danh ${OTHER_AGENCY}, không phải của cơ quan gửi ${SENDER}.`;
    expect(await dispatchRow(id)).toMatchObject({
      state: 'rejected',
      rejection_code: DispatchRejectionCode.SignerNotSender,
      rejection_message: english,
      rejection_message_vi: vietnamese,
    });
    expect((await fileReports(id)).map((file) => file.indication)).toEqual([
      'TOTAL-PASSED',
      'TOTAL-PASSED',
    ]);
    const [event, ...more] = await events(id);
    expect(more).toEqual([]);
    expect(event.message_type).toBe('dispatch.rejected');
    expect(event.payload).toMatchObject({
      code: DispatchRejectionCode.SignerNotSender,
      message: english,
      messageVi: vietnamese,
    });
  });

  it('decides once: a redelivery and a second message for a decided dispatch change nothing', async () => {
    const id = await acceptedDispatch([await signedDispatchPdf(pki, SENDER)]);
    const messageId = randomUUID();
    await useCase.execute({ messageId, dispatchId: id });
    const decidedAt = (await dispatchRow(id)).verified_at;
    await useCase.execute({ messageId, dispatchId: id });
    await useCase.execute({ messageId: randomUUID(), dispatchId: id });
    expect(await events(id)).toHaveLength(1);
    expect((await dispatchRow(id)).verified_at).toEqual(decidedAt);
    const marks = await dataSource.query<{ consumer: string }[]>(
      `SELECT consumer FROM processed_messages WHERE message_id = $1`,
      [messageId],
    );
    expect(marks).toEqual([{ consumer: 'verifier.verify-dispatch' }]);
  });

  it('decides once when two deliveries of one dispatch race', async () => {
    const id = await acceptedDispatch([await signedDispatchPdf(pki, SENDER)]);
    await Promise.all([
      useCase.execute({ messageId: randomUUID(), dispatchId: id }),
      useCase.execute({ messageId: randomUUID(), dispatchId: id }),
    ]);
    expect(await events(id)).toHaveLength(1);
    expect((await dispatchRow(id)).state).toBe('verified');
  });

  /** Where the blob store keeps the bytes of a dispatch's file (FilesystemBlobStore's layout). */
  async function blobPathOf(id: string, fileName: string): Promise<string> {
    const [{ sha256 }] = await dataSource.query<{ sha256: string }[]>(
      `SELECT sha256 FROM dispatch_files WHERE dispatch_id = $1 AND file_name = $2`,
      [id, fileName],
    );
    return join(blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  describe('a stored file that cannot be read', () => {
    it('refuses the dispatch with FILE_MISSING when the blob store definitely lacks it, keeping the other reports', async () => {
      const id = await acceptedDispatch([
        await signedDispatchPdf(pki, SENDER),
        await signedDispatchPdf(pki, SENDER, {
          unsigned: { title: `Phụ lục ${randomUUID()} (TEST)` },
        }),
      ]);
      rmSync(await blobPathOf(id, 'file-1.pdf'));
      await useCase.execute({ messageId: randomUUID(), dispatchId: id });

      const english = `"file-1.pdf" is missing from the dispatch's stored files; send the dispatch again.`;
      const vietnamese =
        'Không tìm thấy tệp "file-1.pdf" trong các tệp đã lưu của văn bản; đề nghị gửi lại văn bản.';
      expect(await dispatchRow(id)).toMatchObject({
        state: 'rejected',
        rejection_code: 'FILE_MISSING',
        rejection_message: english,
        rejection_message_vi: vietnamese,
      });
      expect(await fileReports(id)).toEqual([
        { file_name: 'file-0.pdf', indication: 'TOTAL-PASSED' },
        { file_name: 'file-1.pdf', indication: null },
      ]);
      const [event, ...more] = await events(id);
      expect(more).toEqual([]);
      expect(event.message_type).toBe('dispatch.rejected');
      expect(event.payload).toMatchObject({
        code: 'FILE_MISSING',
        message: english,
        messageVi: vietnamese,
        files: [{ fileName: 'file-0.pdf', indication: 'TOTAL-PASSED', signatures: 2 }],
      });
    });

    it('decides nothing on a read error that is not an absence: it throws, for a retry, and a later try verifies', async () => {
      const pdf = await signedDispatchPdf(pki, SENDER, {
        unsigned: { title: `Công văn ${randomUUID()} (TEST)` },
      });
      const id = await acceptedDispatch([pdf]);
      const path = await blobPathOf(id, 'file-0.pdf');
      // A directory where the file should be: reading fails (EISDIR), the blob is not absent.
      rmSync(path);
      mkdirSync(path);
      await expect(useCase.execute({ messageId: randomUUID(), dispatchId: id })).rejects.toThrow(
        expect.objectContaining({ code: 'EISDIR' }),
      );
      expect(await dispatchRow(id)).toMatchObject({ state: 'accepted', rejection_code: null });
      expect(await events(id)).toEqual([]);

      rmSync(path, { recursive: true });
      await blobs.put(pdf);
      await useCase.execute({ messageId: randomUUID(), dispatchId: id });
      expect(await dispatchRow(id)).toMatchObject({ state: 'verified' });
    });
  });

  it('ignores an unknown dispatch', async () => {
    await expect(
      useCase.execute({ messageId: randomUUID(), dispatchId: randomUUID() }),
    ).resolves.toBeUndefined();
  });

  /**
   * The whole retry path: the real consumer behind a consumer host on real RabbitMQ, with retry
   * steps of 20 and 40 ms and a virtual clock for the retry window. "Unreachable" is a verifier
   * with no CRL folder content and no online sources: every signature INDETERMINATE / TRY_LATER.
   */
  describe('with the revocation sources unreachable, behind the consumer host (real RabbitMQ)', () => {
    const HOUR = 3_600_000;
    const prefix = testPrefix('revocation-retry');
    const logger = new RecordingLogger();
    const clock = { now: new Date() };
    let sourcesReachable = false;
    let connection: AmqpConnection;
    let topology: MessagingTopology;
    let publisher: ConfirmingPublisher;
    let host: ConsumerHost;
    let parked: QueueRecorder;

    beforeAll(async () => {
      const emptyCrlDir = mkdtempSync(join(testRunDir(), 'verifier-no-crls-'));
      const unreachable = await createDevPkiPdfVerifier(pki, {
        crlDir: emptyCrlDir,
        onlineRevocation: false,
      });
      const switching: PdfVerifier = {
        verify: (pdf, options) => (sourcesReachable ? verifier : unreachable).verify(pdf, options),
      };
      const retrying = new VerifyDispatchUseCase(
        new DispatchVerificationRepository(dataSource),
        blobs,
        switching,
        { nudge: () => undefined } as unknown as OutboxRelay,
        new AxisMetrics('verifier-retry-spec'),
        new RevocationRetryPolicy(HOUR, () => clock.now),
      );
      connection = new AmqpConnection({
        url: testAmqpUrl(),
        connectionName: `${prefix}-main`,
        logger,
      });
      topology = new MessagingTopology(connection, { prefix, retryDelaysMs: [20, 40], logger });
      await topology.declare();
      publisher = new ConfirmingPublisher(connection, topology, { logger });
      parked = await QueueRecorder.start(connection, topology.names.parkedQueue);
      const registry = new MessageHandlerRegistry();
      new VerificationConsumer(registry, retrying, {
        VERIFIER_PREFETCH: 4,
      } as VerifierConfig).onModuleInit();
      host = new ConsumerHost(connection, topology, publisher, registry, { logger });
      await host.start();
    });

    afterAll(async () => {
      await host.stop();
      await parked.stop();
      await publisher.close();
      await topology.deleteDeclared();
      await connection.close();
    });

    async function submit(dispatchId: string): Promise<void> {
      await publisher.publish({
        exchange: 'events',
        routingKey: MessageTypes.DispatchSubmitted,
        messageId: randomUUID(),
        type: MessageTypes.DispatchSubmitted,
        body: {
          occurredAt: new Date().toISOString(),
          actor: 'gateway',
          dispatchId,
          senderCode: SENDER,
          recipientCodes: RECIPIENTS,
          fileCount: 1,
        },
      });
    }

    it('leaves the dispatch accepted and retries it past the retry steps without parking it, then verifies it once the sources answer', async () => {
      sourcesReachable = false;
      clock.now = new Date();
      const id = await acceptedDispatch([await signedDispatchPdf(pki, SENDER)]);
      const retriedBefore = host.stats().retried;
      await submit(id);
      // Three retries: one more than the two retry steps, which would park any other failure.
      await waitUntil(() => host.stats().retried >= retriedBefore + 3, 'three retries');
      expect(await dispatchRow(id)).toMatchObject({ state: 'accepted', rejection_code: null });
      expect(await events(id)).toEqual([]);
      expect(host.stats().parked).toBe(0);
      expect(parked.messages).toHaveLength(0);
      expect(logger.messages('warn').join('\n')).toContain(
        `revocation status of dispatch ${id} unavailable; verifying it again later`,
      );

      sourcesReachable = true;
      await waitUntil(async () => (await dispatchRow(id)).state !== 'accepted', 'the verdict');
      expect(await dispatchRow(id)).toMatchObject({ state: 'verified', rejection_code: null });
      expect((await events(id)).map((event) => event.message_type)).toEqual(['dispatch.verified']);
      expect(host.stats().parked).toBe(0);
      expect(parked.messages).toHaveLength(0);
    });

    it('refuses a dispatch whose stored file is missing with FILE_MISSING, its message acked, not parked', async () => {
      const id = await acceptedDispatch([
        await signedDispatchPdf(pki, SENDER, {
          unsigned: { title: `Công văn ${randomUUID()} (TEST)` },
        }),
      ]);
      rmSync(await blobPathOf(id, 'file-0.pdf'));
      const ackedBefore = host.stats().acked;
      await submit(id);
      await waitUntil(() => host.stats().acked > ackedBefore, 'the message acked');
      expect(await dispatchRow(id)).toMatchObject({
        state: 'rejected',
        rejection_code: 'FILE_MISSING',
      });
      expect((await events(id)).map((event) => event.payload.code)).toEqual(['FILE_MISSING']);
      expect(host.stats().parked).toBe(0);
      expect(parked.messages).toHaveLength(0);
    });

    it('rejects it with REVOCATION_STATUS_UNAVAILABLE once the window since acceptance has passed', async () => {
      sourcesReachable = false;
      clock.now = new Date();
      const id = await acceptedDispatch([await signedDispatchPdf(pki, SENDER)]);
      const retriedBefore = host.stats().retried;
      await submit(id);
      await waitUntil(() => host.stats().retried > retriedBefore, 'a retry');
      expect((await dispatchRow(id)).state).toBe('accepted');

      clock.now = new Date(Date.now() + HOUR);
      await waitUntil(async () => (await dispatchRow(id)).state !== 'accepted', 'the verdict');
      expect(await dispatchRow(id)).toMatchObject({
        state: 'rejected',
        rejection_code: DispatchRejectionCode.RevocationUnknown,
      });
      const [event, ...more] = await events(id);
      expect(more).toEqual([]);
      expect(event.payload).toMatchObject({ code: 'REVOCATION_STATUS_UNAVAILABLE' });
      expect(parked.messages).toHaveLength(0);
    });
  });
});

/**
 * The raw pipeline's front: what a dispatch's intake, inbox and acknowledgement need, written
 * straight on node:https, multer (the gateway's multipart reader), pg and amqplib with no
 * framework, as a floor to compare docaxis with. Run as a process of its own (`raw-pipeline.ts`
 * starts it); a node:cluster primary forks one worker per core, which share the port.
 *
 * Speaks the part of docaxis' API the benchmark's load uses: `POST /dispatches` (multipart
 * envelope + PDFs; 202 `{dispatchId}`), `GET /inbox?limit&wait&cursor` (long-poll, woken by
 * PostgreSQL NOTIFY) and `POST /inbox/ack` (`{dispatchIds}`).
 */
import cluster from 'node:cluster';
import { randomUUID, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { connect, type ConfirmChannel } from 'amqplib';
import multer from 'multer';
import { Client, Pool } from 'pg';
import { verifyByteRangesRaw } from '../../verify/raw-signature-math';
import { rawSignatureFixture } from '../../verify/raw-verification-baseline';
import { scanByteRanges } from './pdf-byte-range-scan';
import { type RawPipelineConfig, readRawPipelineConfig } from './raw-pipeline-config';

class RequestRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function runWorker(config: RawPipelineConfig): Promise<void> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 16 });
  const amqp = await connect(config.amqpUrl);
  const channel: ConfirmChannel = await amqp.createConfirmChannel();
  await channel.assertQueue(config.queue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  const signatureFixture = rawSignatureFixture();
  const readMultipart = multer({
    storage: multer.memoryStorage(),
    limits: { files: 20, fileSize: 50 * 1024 * 1024, fieldSize: 1024 * 1024 },
  }).any();

  // Long-polls wait here, per recipient, until the router's NOTIFY names their agency.
  const waiters = new Map<string, Set<() => void>>();
  const listener = new Client({ connectionString: config.databaseUrl });
  await listener.connect();
  listener.on('notification', (message) => {
    for (const agency of (message.payload ?? '').split(',')) {
      const waiting = waiters.get(agency);
      if (!waiting) continue;
      waiters.delete(agency);
      for (const wake of waiting) wake();
    }
  });
  await listener.query('LISTEN raw_pipeline_inbox');

  const agencyOf = (request: IncomingMessage): string => {
    const certificate = (request.socket as TLSSocket).getPeerCertificate();
    const agency = certificate && config.agencyByClientFingerprint[certificate.fingerprint256];
    if (!agency) throw new RequestRefusal(401, 'CLIENT_CERTIFICATE_UNKNOWN');
    return agency;
  };

  const intake = async (request: IncomingMessage, sender: string): Promise<unknown> => {
    const parsed = request as IncomingMessage & {
      body?: Record<string, string>;
      files?: { buffer: Buffer; originalname: string }[];
    };
    await new Promise<void>((resolve, reject) =>
      readMultipart(parsed as never, {} as never, (error?: unknown) =>
        error ? reject(new RequestRefusal(400, 'MULTIPART_INVALID')) : resolve(),
      ),
    );
    const envelope = JSON.parse(parsed.body?.envelope ?? 'null') as {
      from?: { organId?: string };
      to?: { organId?: string }[];
      confidentiality?: string;
    } | null;
    const recipients = (envelope?.to ?? []).map((to) => to.organId);
    if (
      envelope?.from?.organId !== sender ||
      recipients.length === 0 ||
      recipients.some((code) => typeof code !== 'string') ||
      envelope.confidentiality !== 'none'
    ) {
      throw new RequestRefusal(400, 'ENVELOPE_INVALID');
    }
    const files = parsed.files ?? [];
    if (files.length === 0) throw new RequestRefusal(400, 'FILES_MISSING');
    const stored: { name: string; sha256: string; bytes: number }[] = [];
    for (const file of files) {
      const ranges = scanByteRanges(file.buffer);
      if (ranges.length === 0) throw new RequestRefusal(422, 'SIGNATURE_MISSING');
      verifyByteRangesRaw(file.buffer, ranges, signatureFixture);
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      // Content-addressed, as docaxis' blob store: equal bytes are stored once.
      await writeFile(join(config.blobDir, sha256), file.buffer, { flag: 'wx' }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        },
      );
      stored.push({ name: file.originalname, sha256, bytes: file.buffer.length });
    }
    const dispatchId = randomUUID();
    // One statement, so one round trip and one commit: the dispatch, its deliveries, its audit row.
    await pool.query(
      `WITH dispatch AS (
         INSERT INTO raw_pipeline.dispatches (id, sender, envelope, files)
         VALUES ($1, $2, $3, $4) RETURNING id
       ), deliveries AS (
         INSERT INTO raw_pipeline.deliveries (dispatch_id, recipient)
         SELECT dispatch.id, recipient FROM dispatch, unnest($5::text[]) AS recipient
       )
       INSERT INTO raw_pipeline.audit_events (dispatch_id, agency, type)
       SELECT id, $2, 'dispatch.accepted' FROM dispatch`,
      [dispatchId, sender, parsed.body?.envelope, JSON.stringify(stored), recipients],
    );
    await new Promise<void>((resolve, reject) =>
      channel.sendToQueue(
        config.queue,
        Buffer.from(JSON.stringify({ dispatchId })),
        { persistent: true },
        (error: unknown) =>
          error ? reject(new Error('the broker did not confirm', { cause: error })) : resolve(),
      ),
    );
    return { dispatchId };
  };

  const inboxPage = async (agency: string, cursor: string, limit: number) => {
    const { rows } = await pool.query<{ dispatch_id: string; inbox_sequence: string }>(
      `SELECT dispatch_id, inbox_sequence FROM raw_pipeline.deliveries
        WHERE recipient = $1 AND inbox_sequence > $2 ORDER BY inbox_sequence LIMIT $3`,
      [agency, cursor, limit],
    );
    return rows;
  };

  const inbox = async (url: URL, agency: string): Promise<unknown> => {
    const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50)));
    const cursor = url.searchParams.get('cursor') ?? '0';
    const waitUntil = Date.now() + Number(url.searchParams.get('wait') ?? 0) * 1000;
    for (;;) {
      // Registered before looking, so a NOTIFY between the look and the wait is not lost.
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const waiting = waiters.get(agency) ?? new Set<() => void>();
      waiters.set(agency, waiting.add(wake));
      const rows = await inboxPage(agency, cursor, limit);
      const remaining = waitUntil - Date.now();
      if (rows.length > 0 || remaining <= 0) {
        waiters.get(agency)?.delete(wake);
        return {
          items: rows.map((row) => ({ kind: 'dispatch', dispatchId: row.dispatch_id })),
          nextCursor: rows.length > 0 ? rows[rows.length - 1].inbox_sequence : cursor,
        };
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        woken,
        new Promise((resolve) => (timer = setTimeout(resolve, remaining))),
      ]);
      clearTimeout(timer);
      waiters.get(agency)?.delete(wake);
    }
  };

  const acknowledge = async (request: IncomingMessage, agency: string): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { dispatchIds } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      dispatchIds: string[];
    };
    const { rows } = await pool.query<{ dispatch_id: string; acknowledged_at: Date }>(
      `WITH acknowledged AS (
         UPDATE raw_pipeline.deliveries SET acknowledged_at = coalesce(acknowledged_at, now())
          WHERE recipient = $1 AND dispatch_id = ANY($2::uuid[]) AND inbox_sequence IS NOT NULL
          RETURNING dispatch_id, acknowledged_at
       ), audited AS (
         INSERT INTO raw_pipeline.audit_events (dispatch_id, agency, type)
         SELECT dispatch_id, $1, 'dispatch.acknowledged' FROM acknowledged
       )
       SELECT dispatch_id, acknowledged_at FROM acknowledged`,
      [agency, dispatchIds],
    );
    const found = new Map(rows.map((row) => [row.dispatch_id, row.acknowledged_at]));
    return {
      results: dispatchIds.map((dispatchId) => {
        const acknowledgedAt = found.get(dispatchId);
        return acknowledgedAt
          ? { dispatchId, delivery: { acknowledgedAt }, error: null }
          : { dispatchId, delivery: null, error: { code: 'DELIVERY_NOT_FOUND' } };
      }),
    };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let status = 200;
    let body: unknown;
    try {
      const agency = agencyOf(request);
      const url = new URL(request.url ?? '/', 'https://raw-pipeline');
      const path = url.pathname.replace(/^\/api\/v1/, '');
      if (request.method === 'POST' && path === '/dispatches') {
        status = 202;
        body = await intake(request, agency);
      } else if (request.method === 'GET' && path === '/inbox') {
        body = await inbox(url, agency);
      } else if (request.method === 'POST' && path === '/inbox/ack') {
        body = await acknowledge(request, agency);
      } else {
        throw new RequestRefusal(404, 'NOT_FOUND');
      }
    } catch (error) {
      status = error instanceof RequestRefusal ? error.status : 500;
      body = {
        code: error instanceof RequestRefusal ? error.code : 'INTERNAL',
        message: String(error),
      };
      request.resume();
    }
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const server = createServer(
    {
      cert: readFileSync(config.tlsCertFile),
      key: readFileSync(config.tlsKeyFile),
      ca: readFileSync(config.clientCaFile),
      requestCert: true,
      rejectUnauthorized: true,
      keepAliveTimeout: 60_000,
    },
    (request, response) => void handle(request, response),
  );
  await new Promise<void>((resolve) => server.listen(config.port, '127.0.0.1', resolve));
  process.send?.({ ready: process.pid });
}

function runPrimary(config: RawPipelineConfig): void {
  const ready = new Set<number>();
  for (let i = 0; i < config.frontWorkers; i++) {
    const worker = cluster.fork();
    worker.on('message', (message: { ready?: number }) => {
      if (message.ready === undefined) return;
      ready.add(message.ready);
      if (ready.size === config.frontWorkers) process.send?.({ ready: [process.pid, ...ready] });
    });
  }
  // A worker that dies ends the measurement: the harness sees the primary exit.
  cluster.on('exit', () => process.exit(1));
  process.on('SIGTERM', () => {
    cluster.removeAllListeners('exit');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
}

const config = readRawPipelineConfig();
if (cluster.isPrimary) runPrimary(config);
else
  runWorker(config).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import type { PdfSignatureVerifierConfig, VerifyOptions } from '../pdf-signature-verifier';
import { PdfVerifier } from '../pdf-verifier';
import { VerificationWorkerFailedError } from './verification-worker-failed.error';
import type { VerificationOutcome, WorkerReady } from './verification-worker-messages';

interface PendingTask {
  resolve: (report: DocumentVerificationReport) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  thread: Worker;
  pending: Map<number, PendingTask>;
}

/**
 * Verifies PDFs on `size` worker threads, so one process can use more than one core: parsing and
 * checking a PDF is synchronous CPU work that would otherwise hold the event loop. Each worker
 * loads its own verifier from the same configuration (and keeps its own caches). A task goes to
 * the worker with the fewest in flight; a worker that dies fails its tasks and is replaced.
 */
export class PdfVerificationWorkerPool extends PdfVerifier {
  private readonly workers: PoolWorker[] = [];
  private nextTaskId = 0;
  private closing = false;

  private constructor(
    private readonly config: PdfSignatureVerifierConfig,
    private readonly size: number,
  ) {
    super();
  }

  /** Resolves once every worker has loaded its trust store and CRLs; rejects if one cannot. */
  static async start(
    config: PdfSignatureVerifierConfig,
    size: number,
  ): Promise<PdfVerificationWorkerPool> {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`a verification worker pool needs at least one worker, got ${size}`);
    }
    const pool = new PdfVerificationWorkerPool(config, size);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  get workerCount(): number {
    return this.workers.length;
  }

  verify(pdf: Buffer, options: VerifyOptions = {}): Promise<DocumentVerificationReport> {
    if (this.closing || this.workers.length === 0) {
      // Between a worker's death and its replacement: the caller retries (the message is redelivered).
      return Promise.reject(
        new VerificationWorkerFailedError(
          this.closing ? 'the worker pool is closed' : 'no worker thread is running',
        ),
      );
    }
    const worker = this.workers.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    const id = this.nextTaskId++;
    return new Promise<DocumentVerificationReport>((resolve, reject) => {
      // A worker with tasks keeps the process alive until they are answered (see idle()).
      if (worker.pending.size === 0) worker.thread.ref();
      worker.pending.set(id, { resolve, reject });
      // Copied, not transferred: a small Buffer may share its ArrayBuffer with Node's pool.
      worker.thread.postMessage({ id, pdf, validationTime: options.validationTime?.getTime() });
    });
  }

  override async close(): Promise<void> {
    this.closing = true;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
    for (const worker of workers) {
      failAll(worker, new VerificationWorkerFailedError('the worker pool was closed'));
    }
  }

  private spawn(): Promise<void> {
    const thread = new Worker(WORKER_SCRIPT, {
      workerData: this.config,
      ...(WORKER_SCRIPT.endsWith('.ts') ? typescriptSourceOptions() : {}),
    });
    const worker: PoolWorker = { thread, pending: new Map() };
    return new Promise<void>((ready, failed) => {
      let started = false;
      thread.on('message', (message: VerificationOutcome | WorkerReady) => {
        if ('ready' in message) {
          started = true;
          this.workers.push(worker);
          idle(worker);
          ready();
          return;
        }
        const task = worker.pending.get(message.id);
        if (!task) return;
        worker.pending.delete(message.id);
        if (worker.pending.size === 0) idle(worker);
        if ('report' in message) task.resolve(message.report);
        else task.reject(new VerificationWorkerFailedError(message.error));
      });
      thread.on('error', (error) => {
        if (!started) failed(new VerificationWorkerFailedError(error.message));
        failAll(worker, new VerificationWorkerFailedError(error.message));
      });
      thread.on('exit', (code) => {
        const index = this.workers.indexOf(worker);
        if (index >= 0) this.workers.splice(index, 1);
        if (!started) {
          failed(new VerificationWorkerFailedError(`worker exited with code ${code} on start`));
          return;
        }
        failAll(worker, new VerificationWorkerFailedError(`worker exited with code ${code}`));
        // A worker that started once can start again: replace it, so the pool keeps its size.
        if (!this.closing && this.workers.length < this.size) void this.spawn().catch(() => {});
      });
    });
  }
}

/**
 * An idle worker must not keep the process alive: an app (or a script) exits once its own work
 * is done. The 'message' listener refs the worker's port, so this comes after it is attached.
 */
function idle(worker: PoolWorker): void {
  worker.thread.unref();
}

function failAll(worker: PoolWorker, error: Error): void {
  for (const task of worker.pending.values()) task.reject(error);
  worker.pending.clear();
}

/** The worker script beside this file: .js when built, .ts when run from the sources. */
const WORKER_SCRIPT = join(__dirname, `verification-worker${extname(__filename)}`);

/**
 * From the sources (tests, the benchmark, `ts-node` in development) the worker must compile
 * TypeScript and resolve the `@docaxis/*` paths itself: workers get no loader from a test runner.
 */
function typescriptSourceOptions(): { execArgv: string[]; env: NodeJS.ProcessEnv } {
  return {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, TS_NODE_SWC: process.env.TS_NODE_SWC ?? 'true' },
  };
}

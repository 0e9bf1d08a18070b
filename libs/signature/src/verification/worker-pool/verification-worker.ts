import { parentPort, workerData } from 'node:worker_threads';
import {
  createPdfSignatureVerifier,
  type PdfSignatureVerifierConfig,
} from '@docaxis/signature/verification/pdf-signature-verifier';
import type {
  VerificationOutcome,
  VerificationTask,
  WorkerReady,
} from './verification-worker-messages';

/**
 * A verification worker thread: loads its own verifier (trust store, CRL folder, caches) from
 * the configuration in workerData, then verifies the PDFs the pool posts, one at a time.
 */
async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('verification-worker must run as a worker thread');
  const verifier = await createPdfSignatureVerifier(workerData as PdfSignatureVerifierConfig);
  port.on('message', (task: VerificationTask) => {
    const pdf = Buffer.from(task.pdf.buffer, task.pdf.byteOffset, task.pdf.byteLength);
    const validationTime =
      task.validationTime === undefined ? undefined : new Date(task.validationTime);
    verifier.verify(pdf, { validationTime }).then(
      (report) => port.postMessage({ id: task.id, report } satisfies VerificationOutcome),
      (error: unknown) =>
        port.postMessage({
          id: task.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies VerificationOutcome),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReady);
}

void serve();

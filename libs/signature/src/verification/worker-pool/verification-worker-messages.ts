import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';

/** Main thread → worker: one PDF to verify. */
export interface VerificationTask {
  id: number;
  pdf: Uint8Array;
  /** Epoch ms; the worker's now when absent. */
  validationTime?: number;
}

/** Worker → main thread: the report, or why verify() threw (it never should). */
export type VerificationOutcome =
  { id: number; report: DocumentVerificationReport } | { id: number; error: string };

/** Worker → main thread, once, when its verifier (trust store, CRLs) is loaded. */
export interface WorkerReady {
  ready: true;
}

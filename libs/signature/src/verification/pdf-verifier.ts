import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import type { VerifyOptions } from './pdf-signature-verifier';

/**
 * Anything that verifies a PDF's signatures into a report: PdfSignatureVerifier on the calling
 * thread, or PdfVerificationWorkerPool on worker threads. Also the injection token apps use, so
 * the choice is made once, where the app is configured.
 */
export abstract class PdfVerifier {
  abstract verify(pdf: Buffer, options?: VerifyOptions): Promise<DocumentVerificationReport>;

  /** Releases what the verifier holds beyond the heap (worker threads); absent when nothing. */
  close?(): Promise<void>;
}

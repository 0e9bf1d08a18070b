import { Injectable } from '@nestjs/common';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import { PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';

/**
 * A clerk's check of a PDF's signatures against the dedicated CA, outside any dispatch: the same
 * verifier and trust store the axis uses for dispatches, so both always agree.
 */
@Injectable()
export class VerifyDocumentUseCase {
  constructor(private readonly verifier: PdfSignatureVerifier) {}

  execute(pdf: Buffer): Promise<DocumentVerificationReport> {
    return this.verifier.verify(pdf);
  }
}

import { Injectable } from '@nestjs/common';
import type { VerifiedFile } from '@docaxis/signature/report/verification-report-pdf';
import { PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';

/** One uploaded file: the name the clerk knows it by and its bytes. */
export interface UploadedDocument {
  fileName: string;
  bytes: Buffer;
}

/**
 * A clerk's check of PDFs' signatures against the dedicated CA, outside any dispatch: the same
 * verifier and trust store the axis uses for dispatches, so both always agree. All files of one
 * request are validated as of the same instant.
 */
@Injectable()
export class VerifyDocumentUseCase {
  constructor(private readonly verifier: PdfSignatureVerifier) {}

  async execute(documents: readonly UploadedDocument[]): Promise<VerifiedFile[]> {
    const validationTime = new Date();
    const verified: VerifiedFile[] = [];
    for (const document of documents) {
      verified.push({
        fileName: document.fileName,
        report: await this.verifier.verify(document.bytes, { validationTime }),
      });
    }
    return verified;
  }
}

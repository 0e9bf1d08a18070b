import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DocumentVerificationReport } from '@docaxis/signature/report/document-verification-report';
import type { PdfSignatureVerifier } from '@docaxis/signature/verification/pdf-signature-verifier';
import { fileReadProblem } from '../file-read-problem';

/** One input file and its verdict; also the element of the `--json` output array. */
export interface FileVerification {
  /** The path as given on the command line. */
  file: string;
  report: DocumentVerificationReport;
}

/**
 * Verifies one file. A file that cannot be read is a verdict too (FORMAT_FAILURE with
 * FILE_UNREADABLE), so one bad path never hides the results of the other files.
 */
export async function verifyFile(
  verifier: PdfSignatureVerifier,
  file: string,
  validationTime: Date,
): Promise<FileVerification> {
  let bytes: Buffer;
  try {
    bytes = await readFile(resolve(file));
  } catch (error) {
    return {
      file,
      report: {
        indication: 'TOTAL-FAILED',
        subIndication: 'FORMAT_FAILURE',
        fileSha256: '',
        fileSize: 0,
        validationTime: validationTime.toISOString(),
        messages: [
          {
            code: 'FILE_UNREADABLE',
            text: `the file cannot be read: ${fileReadProblem(error, 'en')}`,
          },
        ],
        signatures: [],
      },
    };
  }
  return { file, report: await verifier.verify(bytes, { validationTime }) };
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of a PDF as poppler's pdftotext extracts it (an independent reader: what a clerk's
 * viewer would copy). Pages are separated by form feeds.
 */
export function extractPdfText(pdf: Buffer): string {
  return runOnPdf(pdf, 'pdftotext', (file) => ['-enc', 'UTF-8', file, '-']);
}

/** Page count as poppler's pdfinfo reads it. */
export function pdfPageCount(pdf: Buffer): number {
  const info = runOnPdf(pdf, 'pdfinfo', (file) => [file]);
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

function runOnPdf(pdf: Buffer, tool: string, args: (file: string) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'docaxis-pdf-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, args(file), { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { loadPdfObjectGraph } from '@docaxis/signature/pdf/pdf-object-graph-loader';
import type { PdfLimits } from '@docaxis/signature/pdf/pdf-limits';
import { PdfStructureError } from '@docaxis/signature/pdf/pdf-structure-error';

/**
 * The report code `loadPdfObjectGraph` refuses `bytes` with (`OTHER` for an error that is not a
 * PdfStructureError), or undefined when it loads them.
 */
export async function loadRefusalCode(
  bytes: Buffer,
  limits: PdfLimits,
): Promise<string | undefined> {
  try {
    await loadPdfObjectGraph(bytes, limits);
    return undefined;
  } catch (error) {
    return error instanceof PdfStructureError ? error.reportCode : 'OTHER';
  }
}

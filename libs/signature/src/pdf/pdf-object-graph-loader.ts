import type { PDFContext } from 'pdf-lib';
import { SignatureContentsMasks } from './contents-masking';
import { MaskedPdfParser } from './masked-pdf-parser';
import type { PdfLimits } from './pdf-limits';
import { prescanPdfResources } from './pdf-resource-prescan';
import { PdfStructureError } from './pdf-structure-error';
import { StructuralStreamGuard } from './structural-stream-guard';

const PDF_HEADER = Buffer.from('%PDF-', 'latin1');

/** Size and header checks, cheap enough to run before anything else looks at the bytes. */
export function assertPdfEnvelope(bytes: Buffer, limits: PdfLimits): void {
  if (bytes.length > limits.maxFileBytes) {
    throw new PdfStructureError(
      'PDF_TOO_LARGE',
      `the PDF is ${bytes.length} bytes, more than the ${limits.maxFileBytes} allowed`,
    );
  }
  const headerAt = bytes.indexOf(PDF_HEADER);
  if (headerAt === -1 || headerAt > 1024) {
    throw new PdfStructureError(
      'PDF_NOT_A_PDF',
      'no %PDF- header in the first 1024 bytes: not a PDF',
    );
  }
}

export interface LoadPdfObjectGraphOptions {
  /** An earlier revision is a prefix of bytes already scanned: no need to scan it twice. */
  alreadyPrescanned?: boolean;
  /** Signature /Contents gaps read as markers (see SignatureContentsMasks); none by default. */
  masks?: SignatureContentsMasks;
}

/**
 * The object graph of a PDF (or of a prefix of it: an earlier revision), as pdf-lib parses it:
 * sequentially, later definitions of an object replacing earlier ones, as incremental updates
 * intend. Bounded by `limits`; any parser failure becomes a PdfStructureError. The context is
 * what `PDFDocument.load` would hold (the document wrapper adds nothing the verifier reads).
 */
export async function loadPdfObjectGraph(
  bytes: Buffer,
  limits: PdfLimits,
  options: LoadPdfObjectGraphOptions = {},
): Promise<PDFContext> {
  assertPdfEnvelope(bytes, limits);
  // A prefix's top-level objects were counted with the whole file: its parse bounds only what
  // its object streams declare.
  const looseObjects = options.alreadyPrescanned ? 0 : prescanPdfResources(bytes, limits);
  const parser = new MaskedPdfParser(bytes, {
    masks: options.masks ?? SignatureContentsMasks.NONE,
    maxNestingDepth: limits.maxNestingDepth,
    streams: new StructuralStreamGuard(limits, looseObjects),
  });
  let context: PDFContext;
  try {
    context = await withPdfLibWarningsSilenced(() => parser.parseDocument());
  } catch (error) {
    if (parser.refusal) throw parser.refusal;
    throw new PdfStructureError(
      'PDF_UNPARSEABLE',
      `the PDF cannot be parsed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (parser.refusal) throw parser.refusal;
  if (context.enumerateIndirectObjects().length > limits.maxObjects) {
    throw new PdfStructureError(
      'PDF_TOO_MANY_OBJECTS',
      `the PDF holds more than ${limits.maxObjects} objects`,
    );
  }
  return context;
}

let silencedLoads = 0;
let originalWarn: typeof console.warn | undefined;

/**
 * pdf-lib reports every malformed object with console.warn; a crafted PDF would flood the logs
 * through us. Warnings are muted while any load runs (a counter, since loads interleave at their
 * awaits) and restored when the last one ends.
 */
async function withPdfLibWarningsSilenced<T>(load: () => Promise<T>): Promise<T> {
  if (silencedLoads === 0) {
    originalWarn = console.warn;
    console.warn = () => undefined;
  }
  silencedLoads += 1;
  try {
    return await load();
  } finally {
    silencedLoads -= 1;
    if (silencedLoads === 0 && originalWarn) {
      console.warn = originalWarn;
      originalWarn = undefined;
    }
  }
}

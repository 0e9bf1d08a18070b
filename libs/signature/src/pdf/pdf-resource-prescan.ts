import type { PdfLimits } from './pdf-limits';
import { PdfStructureError } from './pdf-structure-error';
import { isPdfWhitespace } from './raw-byte-range-scanner';

const OBJ = Buffer.from('obj', 'latin1');

/**
 * Counts, before pdf-lib sees the bytes, the indirect objects it would build from top-level
 * headers, and refuses more than the limit. Returns the count: the objects that object streams
 * declare are added as pdf-lib meets them (StructuralStreamGuard).
 */
export function prescanPdfResources(bytes: Buffer, limits: PdfLimits): number {
  const objects = countObjectHeaders(bytes);
  if (objects > limits.maxObjects) {
    throw new PdfStructureError(
      'PDF_TOO_MANY_OBJECTS',
      `the PDF declares more than ${limits.maxObjects} objects`,
    );
  }
  return objects;
}

/** `N G obj` headers, counted loosely (an `obj` after whitespace after a digit). */
function countObjectHeaders(bytes: Buffer): number {
  let count = 0;
  let at = bytes.indexOf(OBJ);
  while (at !== -1) {
    let i = at - 1;
    let sawSpace = false;
    while (i >= 0 && isPdfWhitespace(bytes[i])) {
      i -= 1;
      sawSpace = true;
    }
    if (sawSpace && i >= 0 && bytes[i] >= 0x30 && bytes[i] <= 0x39) count += 1;
    at = bytes.indexOf(OBJ, at + OBJ.length);
  }
  return count;
}

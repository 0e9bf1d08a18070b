/**
 * Bounds on what one verification may cost, so a crafted PDF cannot exhaust memory or time.
 * Defaults fit scanned dispatches (colour, 200 dpi, tens of pages) with room to spare.
 */
export interface PdfLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Indirect objects (top-level headers plus objects declared inside object streams). */
  maxObjects: number;
  /** Total bytes object and cross-reference streams may inflate to before parsing. */
  maxDecodedStreamBytes: number;
  /** Signature fields examined in one document. */
  maxSignatures: number;
  /** Form-field tree depth and size walked when looking for signature fields. */
  maxFieldDepth: number;
  maxFields: number;
  /** Arrays and dictionaries nested inside one another (pdf-lib parses them recursively). */
  maxNestingDepth: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxObjects: 250_000,
  maxDecodedStreamBytes: 64 * 1024 * 1024,
  maxSignatures: 32,
  maxFieldDepth: 32,
  maxFields: 10_000,
  maxNestingDepth: 64,
};

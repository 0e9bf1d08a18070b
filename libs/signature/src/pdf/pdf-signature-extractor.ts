import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFNumber,
  PDFRef,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';
import { isInsideSignedBytes, type ByteRange } from './byte-range';
import { SignatureContentsMasks } from './contents-masking';
import { docMdpPermissionOf } from './doc-mdp-permission';
import type { DocMdpPermission } from './modification-analyzer';
import { assertPdfEnvelope, loadPdfObjectGraph } from './pdf-object-graph-loader';
import { nameOf, resolve } from './pdf-object-access';
import type { PdfLimits } from './pdf-limits';
import { PdfStructureError } from './pdf-structure-error';
import { scanRawByteRanges, type RawByteRange } from './raw-byte-range-scanner';
import { findRevisionEnds, hasDataAfterLastRevision } from './revision-boundaries';
import { collectSignatureFields, type SignatureField } from './signature-field-collector';
import { readSignatureContents } from './signature-contents-reader';
import { pdfName } from './pdf-names';

/** SubFilters whose /Contents is a detached CMS over the byte range. */
const DETACHED_CMS_SUB_FILTERS: ReadonlySet<string> = new Set([
  'adbe.pkcs7.detached',
  'ETSI.CAdES.detached',
]);
const DOCUMENT_TIMESTAMP_SUB_FILTER = 'ETSI.RFC3161';

export interface ExtractedSignature {
  readonly fieldName: string;
  readonly subFilter?: string;
  /** Present once the /ByteRange itself is well-formed. */
  readonly byteRange?: ByteRange;
  /** The DER CMS, present only when the signature is structurally sound. */
  readonly cms?: Buffer;
  /** Set for a certification signature: what it lets later revisions change. */
  readonly docMdp?: DocMdpPermission;
  /** FORMAT_FAILURE defects and notes about the PDF structure of this signature. */
  readonly findings: readonly ValidationFinding[];
}

export interface ExtractedPdf {
  readonly context: PDFContext;
  /**
   * The signature /Contents gaps `context` was parsed with as markers (see contents-masking);
   * earlier revisions and cross-reference reads are parsed with the same.
   */
  readonly masks: SignatureContentsMasks;
  /** End offset of each revision (after its %%EOF), in file order. */
  readonly revisionEnds: readonly number[];
  /** In signing order (by signed length), document timestamps excluded. */
  readonly signatures: readonly ExtractedSignature[];
  /** Document-level notes (ignored document timestamps, duplicate references). */
  readonly notes: readonly ValidationFinding[];
}

/**
 * Finds every signature of a PDF and checks its PDF-level structure: the /ByteRange read from
 * the raw bytes (pdf-lib's numbers must match what is written), starting at 0, inside the file,
 * not overlapping, its gap exactly the /Contents hex string, the signature dictionary inside
 * the bytes it signs. Document-level faults throw PdfStructureError; per-signature faults become
 * FORMAT_FAILURE findings of that signature.
 */
export async function extractPdfSignatures(
  bytes: Buffer,
  limits: PdfLimits,
): Promise<ExtractedPdf> {
  assertPdfEnvelope(bytes, limits);
  const revisionEnds = findRevisionEnds(bytes);
  if (revisionEnds.length === 0) {
    throw new PdfStructureError('PDF_UNPARSEABLE', 'no %%EOF marker: the file is truncated');
  }
  if (hasDataAfterLastRevision(bytes, revisionEnds)) {
    throw new PdfStructureError(
      'PDF_TRAILING_DATA',
      `data follows the last %%EOF at offset ${revisionEnds[revisionEnds.length - 1]}: a truncated or damaged incremental update`,
    );
  }
  const rawByteRanges = scanRawByteRanges(bytes);
  const masks = SignatureContentsMasks.of(bytes, rawByteRanges);
  const { markerByGapStart } = masks;
  const context = await loadPdfObjectGraph(bytes, limits, { masks });
  const fields = collectSignatureFields(context, limits);
  if (fields.length > limits.maxSignatures) {
    throw new PdfStructureError(
      'PDF_TOO_MANY_SIGNATURES',
      `the PDF has ${fields.length} signature fields, more than ${limits.maxSignatures}`,
    );
  }
  const notes: ValidationFinding[] = [];
  const seen = new Set<PDFObject>();
  const claimedGapStarts = new Set<number>();
  const signatures: ExtractedSignature[] = [];
  for (const field of fields) {
    const identity = field.value instanceof PDFRef ? field.value : field.signature;
    if (identity && seen.has(identity)) {
      notes.push(
        note(
          'PDF_DUPLICATE_SIGNATURE_REFERENCE',
          `field "${field.fieldName}" points to a signature already reported`,
        ),
      );
      continue;
    }
    if (identity) seen.add(identity);
    const subFilter = field.signature
      ? nameOf(context, field.signature.get(pdfName('SubFilter')))
      : undefined;
    const type = field.signature
      ? nameOf(context, field.signature.get(pdfName('Type')))
      : undefined;
    const gapStart = field.signature ? declaredGapStart(context, field.signature) : undefined;
    if (gapStart !== undefined) claimedGapStarts.add(gapStart);
    if (subFilter === DOCUMENT_TIMESTAMP_SUB_FILTER || type === 'DocTimeStamp') {
      notes.push(
        note(
          'DOCUMENT_TIMESTAMP_IGNORED',
          `field "${field.fieldName}" is a document timestamp; it is not verified and vouches for nothing here`,
        ),
      );
      continue;
    }
    signatures.push(extractOne(bytes, context, field, subFilter, rawByteRanges, markerByGapStart));
  }
  signatures.push(...unclaimedSignatures(rawByteRanges, markerByGapStart, claimedGapStarts));
  // Signing order: a later signature signs a longer prefix of the file.
  signatures.sort(
    (x, y) =>
      (x.byteRange ? x.byteRange[2] + x.byteRange[3] : Infinity) -
      (y.byteRange ? y.byteRange[2] + y.byteRange[3] : Infinity),
  );
  return { context, masks, revisionEnds, signatures, notes };
}

function extractOne(
  bytes: Buffer,
  context: PDFContext,
  field: SignatureField,
  subFilter: string | undefined,
  rawByteRanges: readonly RawByteRange[],
  markerByGapStart: ReadonlyMap<number, string>,
): ExtractedSignature {
  const fail = (
    code: Parameters<typeof defect>[1],
    text: string,
    byteRange?: ByteRange,
  ): ExtractedSignature => ({
    fieldName: field.fieldName,
    subFilter,
    byteRange,
    findings: [defect('FORMAT_FAILURE', code, text)],
  });
  const signature = field.signature;
  if (!signature)
    return fail('SIGNATURE_DICTIONARY_MISSING', 'the signature field value is not a dictionary');
  if (subFilter !== undefined && !DETACHED_CMS_SUB_FILTERS.has(subFilter)) {
    return fail(
      'SUB_FILTER_UNSUPPORTED',
      `SubFilter /${subFilter} is not supported (only detached CMS signatures are)`,
    );
  }

  const byteRangeObject = resolve(context, signature.get(pdfName('ByteRange')));
  if (byteRangeObject === undefined)
    return fail('BYTE_RANGE_MISSING', 'the signature dictionary has no /ByteRange');
  const values =
    byteRangeObject instanceof PDFArray
      ? byteRangeObject.asArray().map((item) => resolve(context, item))
      : [];
  if (
    values.length !== 4 ||
    !values.every(
      (v) => v instanceof PDFNumber && Number.isSafeInteger(v.asNumber()) && v.asNumber() >= 0,
    )
  ) {
    return fail('BYTE_RANGE_INVALID', '/ByteRange is not an array of four non-negative integers');
  }
  const byteRange = values.map((v) => (v as PDFNumber).asNumber()) as unknown as ByteRange;
  const [a, b, c, d] = byteRange;
  if (a !== 0)
    return fail(
      'BYTE_RANGE_INVALID',
      `/ByteRange starts at ${a}, not at the start of the file`,
      byteRange,
    );
  if (c < a + b + 2)
    return fail(
      'BYTE_RANGE_INVALID',
      '/ByteRange ranges overlap or leave no room for /Contents',
      byteRange,
    );
  if (c + d > bytes.length) {
    return fail(
      'BYTE_RANGE_NOT_IN_FILE',
      `/ByteRange ends at ${c + d}, beyond the file's ${bytes.length} bytes (truncated?)`,
      byteRange,
    );
  }
  const written = rawByteRanges.filter(
    (raw) => raw.values.length === 4 && raw.values.every((v, i) => v === byteRange[i]),
  );
  if (written.length === 0) {
    return fail(
      'BYTE_RANGE_INVALID',
      '/ByteRange is not written as plain text in the file (compressed object stream?)',
      byteRange,
    );
  }
  if (!written.some((raw) => isInsideSignedBytes(byteRange, raw.position))) {
    return fail('BYTE_RANGE_INVALID', 'the /ByteRange is not inside the bytes it signs', byteRange);
  }

  const contents = readSignatureContents(bytes, byteRange);
  if (!contents.ok) return fail(contents.code, contents.text, byteRange);
  // pdf-lib read gaps as markers: this dictionary's /Contents must be the marker of this gap.
  const parsedContents = resolve(context, signature.get(pdfName('Contents')));
  const expected = markerByGapStart.get(a + b) ?? contents.hexText;
  if (!(parsedContents instanceof PDFHexString) || parsedContents.asString() !== expected) {
    return fail(
      'CONTENTS_MISMATCH',
      "the /ByteRange gap is not this signature dictionary's /Contents",
      byteRange,
    );
  }
  const findings: ValidationFinding[] = [];
  if (contents.nonZeroPadding) {
    findings.push(
      note(
        'CONTENTS_TRAILING_DATA',
        '/Contents holds non-zero bytes after the CMS; they are not signed and are ignored',
      ),
    );
  }
  return {
    fieldName: field.fieldName,
    subFilter,
    byteRange,
    cms: contents.cms,
    docMdp: docMdpPermissionOf(context, signature),
    findings,
  };
}

/** Where the /Contents gap of a signature dictionary starts, by its own /ByteRange. */
function declaredGapStart(context: PDFContext, signature: PDFDict): number | undefined {
  const range = resolve(context, signature.get(pdfName('ByteRange')));
  const values = range instanceof PDFArray ? range.asArray().map((v) => resolve(context, v)) : [];
  return values[0] instanceof PDFNumber && values[1] instanceof PDFNumber
    ? values[0].asNumber() + values[1].asNumber()
    : undefined;
}

/**
 * Signature values present in the file (a /ByteRange whose gap is a /Contents hex string) that
 * no signature field claims: a signature whose field a later revision removed or broke. Left
 * out, its signer would silently vanish from the report; it is reported as a failed signature.
 */
function unclaimedSignatures(
  rawByteRanges: readonly RawByteRange[],
  markerByGapStart: ReadonlyMap<number, string>,
  claimed: ReadonlySet<number>,
): ExtractedSignature[] {
  const found = new Map<number, ExtractedSignature>();
  for (const { values } of rawByteRanges) {
    const gapStart = values.length === 4 ? values[0] + values[1] : -1;
    if (!markerByGapStart.has(gapStart) || claimed.has(gapStart) || found.has(gapStart)) continue;
    found.set(gapStart, {
      fieldName: '',
      byteRange: values as unknown as ByteRange,
      findings: [
        defect(
          'FORMAT_FAILURE',
          'SIGNATURE_NOT_IN_FORM',
          `the file holds a signature (/ByteRange [${values.join(' ')}]) that no signature field refers to`,
        ),
      ],
    });
  }
  return [...found.values()];
}

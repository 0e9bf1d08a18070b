import { PDFArray, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { PdfFixtureError } from './pdf-fixture.errors';
import { PdfIncrementalUpdate } from './pdf-incremental-update';
import { writableArray, writablePage } from './pdf-writable-entries';
import { locateSignatures, type LocatedSignature } from './signed-pdf-locator';

/**
 * Test-corpus helpers that damage or extend a signed PDF in the ways the verifier must notice.
 * Every helper returns a new Buffer and leaves its input untouched.
 */

/**
 * Flips one bit of a byte every signature covers. By default the byte is in the binary comment
 * on the file's second line (`%âãÏÓ`-style, written by every producer we use), so the file stays
 * perfectly parseable and only the digests break; `offset` picks another byte.
 */
export function flipByteInSignedRange(pdf: Buffer, options: { offset?: number } = {}): Buffer {
  const signatures = requireSignatures(pdf);
  const coveredByAll = Math.min(...signatures.map((signature) => signature.byteRange[1]));
  const offset = options.offset ?? binaryCommentOffset(pdf) ?? Math.floor(coveredByAll / 2);
  if (offset < 0 || offset >= coveredByAll) {
    throw new PdfFixtureError(
      'PDF_TAMPER_OFFSET_UNSIGNED',
      `offset ${offset} is not inside the first range of every signature (0..${coveredByAll - 1})`,
    );
  }
  const copy = Buffer.from(pdf);
  copy[offset] ^= 0x01;
  return copy;
}

/**
 * An incremental update that adds a content stream to a page (a filled rectangle over the text):
 * a change of visible content after signing, which no signature allows.
 */
export async function appendPageContentChange(
  pdf: Buffer,
  options: { pageIndex?: number } = {},
): Promise<Buffer> {
  const update = await PdfIncrementalUpdate.open(pdf);
  const page = writablePage(update, options.pageIndex ?? 0);
  const streamRef = update.allocate();
  update.setStream(streamRef, '', Buffer.from('q 1 0 0 rg 60 700 300 40 re f Q', 'latin1'));

  const contents = page.dict.get(PDFName.of('Contents'));
  if (contents instanceof PDFRef && update.doc.context.lookup(contents) instanceof PDFArray) {
    const array = update.doc.context.lookup(contents, PDFArray);
    array.push(streamRef);
    update.setObject(contents, array);
  } else if (contents instanceof PDFArray) {
    contents.push(streamRef);
    page.commit();
  } else {
    page.dict.set(
      PDFName.of('Contents'),
      update.doc.context.obj(contents ? [contents, streamRef] : [streamRef]),
    );
    page.commit();
  }
  return update.build().pdf;
}

/**
 * An incremental update that adds a text (sticky-note) annotation to a page: the kind of change
 * later revisions may legitimately make (commenting), which must not invalidate signatures.
 */
export async function appendAnnotation(
  pdf: Buffer,
  options: { pageIndex?: number; text?: string } = {},
): Promise<Buffer> {
  const update = await PdfIncrementalUpdate.open(pdf);
  const { context } = update.doc;
  const page = writablePage(update, options.pageIndex ?? 0);
  const annotationRef = update.allocate();
  update.setObject(
    annotationRef,
    context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [520, 780, 540, 800],
      Contents: PDFHexString.fromText(options.text ?? 'Đã nhận, chuyển phòng Tổng hợp xử lý'),
      M: PDFString.fromDate(new Date()),
      Name: 'Comment',
      F: 4,
      P: page.ref,
    }),
  );
  const annots = writableArray(update, page.dict, 'Annots', page.commit);
  annots.array.push(annotationRef);
  annots.commit();
  return update.build().pdf;
}

/** The file without its last `bytes` bytes (a broken upload). */
export function truncate(pdf: Buffer, bytes: number): Buffer {
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > pdf.length) {
    throw new PdfFixtureError(
      'PDF_TRUNCATE_INVALID',
      `cannot cut ${bytes} bytes from ${pdf.length}`,
    );
  }
  return Buffer.from(pdf.subarray(0, pdf.length - bytes));
}

/**
 * Damages a signature's /Contents in place (the byte range stays right):
 * - `structure` (default) overwrites the CMS's first bytes, so it no longer parses;
 * - `signature-value` flips a bit of the CMS's last byte — the end of the signature value —
 *   so it parses but the signature does not verify.
 * `signatureIndex` counts in file order; the last signature by default.
 */
export function garbleSignatureContents(
  pdf: Buffer,
  options: { signatureIndex?: number; mode?: 'structure' | 'signature-value' } = {},
): Buffer {
  const signature = pickSignature(pdf, options.signatureIndex);
  const copy = Buffer.from(pdf);
  const hexStart = signature.contentsStart + 1;
  if ((options.mode ?? 'structure') === 'structure') {
    copy.write('ff'.repeat(8), hexStart, 'latin1');
  } else {
    const lastByteAt = hexStart + (signature.cms.length - 1) * 2;
    const flipped = signature.cms[signature.cms.length - 1] ^ 0x01;
    copy.write(flipped.toString(16).padStart(2, '0'), lastByteAt, 'latin1');
  }
  return copy;
}

/**
 * Blanks a signature's `/ByteRange` entry (same length, spaces), leaving a signature dictionary
 * without one. The last signature by default.
 */
export function removeByteRange(pdf: Buffer, options: { signatureIndex?: number } = {}): Buffer {
  const signature = pickSignature(pdf, options.signatureIndex);
  const copy = Buffer.from(pdf);
  copy.fill(0x20, signature.byteRangeKeyStart, signature.byteRangeEnd);
  return copy;
}

function requireSignatures(pdf: Buffer): LocatedSignature[] {
  const signatures = locateSignatures(pdf);
  if (signatures.length === 0) {
    throw new PdfFixtureError('PDF_NOT_SIGNED', 'the PDF has no signature to tamper with');
  }
  return signatures;
}

function pickSignature(pdf: Buffer, index: number | undefined): LocatedSignature {
  const signatures = requireSignatures(pdf);
  const picked = signatures[index ?? signatures.length - 1];
  if (!picked) {
    throw new PdfFixtureError(
      'PDF_SIGNATURE_INDEX_INVALID',
      `signature index ${index} out of range: the PDF has ${signatures.length}`,
    );
  }
  return picked;
}

/** First byte of the `%` + high-bit bytes comment that follows the header, when present. */
function binaryCommentOffset(pdf: Buffer): number | undefined {
  const lineEnd = pdf.indexOf(0x0a);
  if (lineEnd < 0 || pdf[lineEnd + 1] !== 0x25 /* % */) return undefined;
  return pdf[lineEnd + 2] >= 0x80 ? lineEnd + 2 : undefined;
}

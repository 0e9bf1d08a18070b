import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { generateSpecDevPki } from '@docaxis/signature/verification/dev-pki-spec-fixture';
import type { ByteRange } from './byte-range';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';
import { extractPdfSignatures, type ExtractedSignature } from './pdf-signature-extractor';
import { PdfStructureError } from './pdf-structure-error';

/** Replaces the `occurrence`-th (from the end) `from` with `to` of the same length. */
function patch(pdf: Buffer, from: string, to: string, fromEnd = 0): Buffer {
  expect(to.length).toBe(from.length);
  let at = pdf.length;
  for (let i = 0; i <= fromEnd; i += 1) at = pdf.lastIndexOf(from, at - 1, 'latin1');
  expect(at).toBeGreaterThanOrEqual(0);
  const copy = Buffer.from(pdf);
  copy.write(to, at, 'latin1');
  return copy;
}

function byteRangeText(range: ByteRange): string {
  return `[${range.join(' ')}]`;
}

function codes(signature: ExtractedSignature | undefined): string[] {
  return (signature?.findings ?? []).map(
    (finding) => `${finding.subIndication ?? 'note'}:${finding.code}`,
  );
}

describe('extractPdfSignatures', () => {
  let pki: DevPki;
  let pdf: Buffer;
  let ranges: ByteRange[];

  beforeAll(async () => {
    pki = await generateSpecDevPki('extractor');
    pdf = await signedDispatchPdf(pki, '000.00.00.G22');
    const extracted = await extractPdfSignatures(pdf, DEFAULT_PDF_LIMITS);
    ranges = extracted.signatures.map((s) => s.byteRange!);
  });

  it('finds every signature in signing order with its byte range and CMS', async () => {
    const { signatures, revisionEnds, notes } = await extractPdfSignatures(pdf, DEFAULT_PDF_LIMITS);
    expect(signatures.map((s) => [s.fieldName, s.subFilter, codes(s)])).toEqual([
      ['Signature1', 'ETSI.CAdES.detached', []],
      ['Signature2', 'ETSI.CAdES.detached', []],
    ]);
    expect(notes).toEqual([]);
    const [leader, seal] = signatures;
    expect(leader.byteRange![2] + leader.byteRange![3]).toBe(revisionEnds[revisionEnds.length - 2]);
    expect(seal.byteRange![2] + seal.byteRange![3]).toBe(pdf.length);
    const hex = pdf.toString('latin1', seal.byteRange![1] + 1, seal.byteRange![2] - 1);
    expect(seal.cms!.toString('hex')).toBe(hex.slice(0, seal.cms!.length * 2));
    expect(/^0*$/.test(hex.slice(seal.cms!.length * 2))).toBe(true);
  });

  it('reads PDFs written with object streams and cross-reference streams', async () => {
    const compressed = await signedDispatchPdf(pki, '000.00.00.G22', {
      unsigned: { useObjectStreams: true },
    });
    const { signatures } = await extractPdfSignatures(compressed, DEFAULT_PDF_LIMITS);
    expect(signatures.map((s) => codes(s))).toEqual([[], []]);
  });

  it.each([
    [
      'a /ByteRange not starting at 0',
      (r: ByteRange): ByteRange => [1, r[1], r[2], r[3]],
      'BYTE_RANGE_INVALID',
    ],
    [
      'a /ByteRange past the end of the file',
      (r: ByteRange): ByteRange => [r[0], r[1], r[2], r[3] + 1],
      'BYTE_RANGE_NOT_IN_FILE',
    ],
    [
      'a gap that is not the hex string',
      (r: ByteRange): ByteRange => [r[0], r[1] + 1, r[2], r[3]],
      'CONTENTS_NOT_HEX_STRING',
    ],
    [
      // The same length of text: the sign takes a digit of the last number.
      'a negative offset',
      (r: ByteRange): ByteRange => [r[0], r[1], -r[2], Math.floor(r[3] / 10)],
      'BYTE_RANGE_INVALID',
    ],
    [
      'a fractional length',
      (r: ByteRange): ByteRange => [r[0], r[1] + 0.5, r[2], Math.floor(r[3] / 100)],
      'BYTE_RANGE_INVALID',
    ],
    [
      'overlapping ranges',
      (r: ByteRange): ByteRange => [r[0], r[1], r[1] + 1, r[3]],
      'BYTE_RANGE_INVALID',
    ],
  ])('refuses %s', async (_, change, code) => {
    const original = ranges[1];
    const changed = change(original);
    const text = byteRangeText(changed).padEnd(byteRangeText(original).length, ' ');
    const tampered = patch(
      pdf,
      byteRangeText(original),
      text.slice(0, byteRangeText(original).length),
    );
    const { signatures } = await extractPdfSignatures(tampered, DEFAULT_PDF_LIMITS);
    expect(codes(signatures.find((s) => s.fieldName === 'Signature2'))).toEqual([
      `FORMAT_FAILURE:${code}`,
    ]);
  });

  it('reports a signature whose field no longer says /FT /Sig instead of losing it', async () => {
    const tampered = patch(pdf, '/FT /Sig', '/FT /Btn');
    const { signatures } = await extractPdfSignatures(tampered, DEFAULT_PDF_LIMITS);
    expect(signatures.map((s) => [s.fieldName, codes(s)])).toEqual([
      ['Signature1', []],
      ['', ['FORMAT_FAILURE:SIGNATURE_NOT_IN_FORM']],
    ]);
  });

  it('leaves document timestamps out with a note, and refuses unsupported SubFilters', async () => {
    const timestamp = patch(pdf, '/ETSI.CAdES.detached', '/ETSI.RFC3161       ');
    const stamped = await extractPdfSignatures(timestamp, DEFAULT_PDF_LIMITS);
    expect(stamped.signatures.map((s) => s.fieldName)).toEqual(['Signature1']);
    expect(stamped.notes.map((n) => n.code)).toEqual(['DOCUMENT_TIMESTAMP_IGNORED']);
    const sha1 = patch(pdf, '/ETSI.CAdES.detached', '/adbe.pkcs7.sha1    ');
    const { signatures } = await extractPdfSignatures(sha1, DEFAULT_PDF_LIMITS);
    expect(codes(signatures[1])).toEqual(['FORMAT_FAILURE:SUB_FILTER_UNSUPPORTED']);
  });

  it('throws PdfStructureError for document-level faults', async () => {
    const tooMany = extractPdfSignatures(pdf, { ...DEFAULT_PDF_LIMITS, maxSignatures: 1 });
    await expect(tooMany).rejects.toBeInstanceOf(PdfStructureError);
    await expect(tooMany).rejects.toMatchObject({ reportCode: 'PDF_TOO_MANY_SIGNATURES' });
    await expect(
      extractPdfSignatures(Buffer.from('%PDF-1.7\n'), DEFAULT_PDF_LIMITS),
    ).rejects.toMatchObject({
      reportCode: 'PDF_UNPARSEABLE',
    });
  });
});

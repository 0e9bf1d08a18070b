import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRef, type PDFContext } from 'pdf-lib';
import { appendAnnotation } from '@docaxis/signature/testing/pdf-tampering';
import {
  lastStartXref,
  PdfIncrementalUpdate,
} from '@docaxis/signature/testing/pdf-incremental-update';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { coverageDetailEn } from '@docaxis/signature/report/wording/coverage-detail.en';
import { crossReferenceConflicts } from './cross-reference-consistency';
import { CrossReferenceReader } from './cross-reference-reader';
import { analyzeModifications } from './modification-analyzer';
import { loadPdfObjectGraph } from './pdf-object-graph-loader';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';
import { findRevisionEnds } from './revision-boundaries';

async function graph(pdf: Buffer): Promise<PDFContext> {
  return loadPdfObjectGraph(pdf, DEFAULT_PDF_LIMITS);
}

async function conflicts(signed: Buffer, final: Buffer): Promise<string[]> {
  return crossReferenceConflicts({
    bytes: final,
    signedLength: signed.length,
    revisionEnds: findRevisionEnds(final),
    signed: await graph(signed),
    final: await graph(final),
  }).map(coverageDetailEn);
}

/** An update made of a cross-reference table and trailer only: what a shadow attack appends. */
async function appendXrefOnly(
  pdf: Buffer,
  rows: { number: number; row: string }[],
  prev = lastStartXref(pdf),
): Promise<Buffer> {
  const { context } = await PDFDocument.load(pdf, { updateMetadata: false });
  const xrefOffset = pdf.length;
  const body = rows.map(({ number, row }) => `${number} 1\n${row} \n`).join('');
  const trailer = `trailer\n<< /Size ${context.largestObjectNumber + 1} /Root ${String(context.trailerInfo.Root)} /Prev ${prev} >>\n`;
  return Buffer.concat([
    pdf,
    Buffer.from(`xref\n${body}${trailer}startxref\n${xrefOffset}\n%%EOF\n`, 'latin1'),
  ]);
}

describe('crossReferenceConflicts', () => {
  let signed: Buffer;
  let contentNumber: number;
  let hiddenOffset: number;

  beforeAll(async () => {
    const base = await buildUnsignedPdf();
    const doc = await PDFDocument.load(base);
    const contents = doc.getPage(0).node.get(PDFName.of('Contents'));
    const first = contents instanceof PDFArray ? contents.get(0) : contents;
    contentNumber = first instanceof PDFRef ? first.objectNumber : NaN;
    expect(Number.isInteger(contentNumber)).toBe(true);
    // The "signed" revision carries, inside an unreferenced stream, the text of another
    // definition of the page content: invisible to a sequential parser, reachable by offset.
    const hidden = `\n${contentNumber} 0 obj\n<< /Length 31 >>\nstream\nq 1 0 0 rg 0 0 600 800 re f Q\nendstream\nendobj\n`;
    const update = await PdfIncrementalUpdate.open(base);
    update.setStream(update.allocate(), '', Buffer.from(hidden, 'latin1'));
    signed = update.build().pdf;
    hiddenOffset = signed.indexOf(`${contentNumber} 0 obj\n<< /Length 31`, base.length, 'latin1');
    expect(hiddenOffset).toBeGreaterThan(base.length);
  });

  it('finds nothing wrong with an ordinary later revision, with tables or with xref streams', async () => {
    await expect(conflicts(signed, await appendAnnotation(signed))).resolves.toEqual([]);
    const compressed = await buildUnsignedPdf({ useObjectStreams: true });
    await expect(conflicts(compressed, await appendAnnotation(compressed))).resolves.toEqual([]);
  });

  it('catches an xref entry pointing at a hidden definition inside the signed bytes (shadow attack)', async () => {
    const attack = await appendXrefOnly(signed, [
      { number: contentNumber, row: `${String(hiddenOffset).padStart(10, '0')} 00000 n` },
    ]);
    // The sequential comparison alone sees nothing at all:
    expect(analyzeModifications(await graph(signed), await graph(attack)).status).toBe('none');
    await expect(conflicts(signed, attack)).resolves.toEqual([
      `object ${contentNumber}: the cross-reference table points at a definition other than the one compared`,
    ]);
  });

  it('catches an object freed by a later revision', async () => {
    const attack = await appendXrefOnly(signed, [
      { number: contentNumber, row: '0000000000 00001 f' },
    ]);
    await expect(conflicts(signed, attack)).resolves.toEqual([
      `object ${contentNumber} existed when signing and is marked free by a later revision`,
    ]);
  });

  it('catches a /Prev that does not continue the signed revision', async () => {
    const attack = await appendXrefOnly(signed, [], 0);
    const found = await conflicts(signed, attack);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/continues 0, not the previous section/);
  });
});

describe('CrossReferenceReader', () => {
  it('undoes PNG "Up" predictors of cross-reference streams', () => {
    const rows = [
      [0, 0, 0, 255],
      [1, 0, 15, 0],
      [2, 0, 5, 1],
    ];
    const predicted = rows.flatMap((row, r) => [
      2,
      ...row.map((value, i) => (value - (r > 0 ? rows[r - 1][i] : 0) + 256) % 256),
    ]);
    const data = deflateSync(Buffer.from(predicted));
    const head =
      '1 0 obj\n<< /Type /XRef /W [1 2 1] /Size 3 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> ';
    const bytes = Buffer.concat([
      Buffer.from(`${head}/Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    const section = new CrossReferenceReader(bytes).readSection(0);
    expect(section.kind).toBe('stream');
    expect([...section.entries]).toEqual([
      [0, { type: 0, generation: 255 }],
      [1, { type: 1, offset: 15, generation: 0 }],
      [2, { type: 2, objectStream: 5, index: 1 }],
    ]);
  });
});

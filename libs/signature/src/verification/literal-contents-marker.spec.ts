import { join } from 'node:path';
import { PDFString } from 'pdf-lib';
import { testRunDir } from '@docaxis/testing/test-run';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { PdfIncrementalUpdate } from '@docaxis/signature/testing/pdf-incremental-update';
import { Pdfsig } from '@docaxis/signature/testing/pdfsig';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { locateSignatures } from '@docaxis/signature/testing/signed-pdf-locator';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import { writableArray, writablePage } from '@docaxis/signature/testing/pdf-writable-entries';
import { addSignatureField } from '@docaxis/signature/testing/signature-field-writer';
import { generateSpecDevPki } from './dev-pki-spec-fixture';
import type { PdfSignatureVerifier } from './pdf-signature-verifier';
import { createDevPkiPdfVerifier } from '@docaxis/signature/testing/dev-pki-verifier';

const G22 = '000.00.00.G22';

/** A signature field whose dictionary copies `byteRange` and writes `contents` as its /Contents. */
async function appendSignatureField(pdf: Buffer, byteRange: readonly number[], contents: string) {
  const update = await PdfIncrementalUpdate.open(pdf);
  const signatureRef = update.allocate();
  update.setRaw(
    signatureRef,
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [${byteRange.join(' ')}] /Contents ${contents} /M ${PDFString.fromDate(new Date()).toString()} >>`,
  );
  addSignatureField(update, signatureRef, { pageIndex: 0, fieldName: 'Signature3' });
  return update.build().pdf;
}

/** A text annotation whose /Contents is written as `contents`. */
async function appendAnnotationWithContents(pdf: Buffer, contents: string) {
  const update = await PdfIncrementalUpdate.open(pdf);
  const page = writablePage(update, 0);
  const annotationRef = update.allocate();
  update.setRaw(
    annotationRef,
    `<< /Type /Annot /Subtype /Text /Rect [520 780 540 800] /Contents ${contents} /F 4 /P ${page.ref.toString()} >>`,
  );
  const annots = writableArray(update, page.dict, 'Annots', page.commit);
  annots.array.push(annotationRef);
  annots.commit();
  return update.build().pdf;
}

/** Each signature by field name: valid (and trusted) or not, as one reader saw it. */
type Verdicts = Record<string, boolean>;

/**
 * The verification must read such a file as pdfsig does: the masked parser reads each
 * signature's /Contents gap as a marker (DAC5...), so the same digits written as a hex string
 * elsewhere must never pass for a signature's value.
 */
describe('a /Contents hex string that spells a gap marker, elsewhere in the file', () => {
  let pki: DevPki;
  let verifier: PdfSignatureVerifier;
  let pdfsig: Pdfsig;
  let signed: Buffer;

  beforeAll(async () => {
    pki = await generateSpecDevPki('literal-marker');
    verifier = await createDevPkiPdfVerifier(pki);
    pdfsig = Pdfsig.trusting(pki.root.certPath, join(testRunDir(), 'literal-marker'));
    signed = await signedDispatchPdf(pki, G22);
  });

  async function verdicts(
    pdf: Buffer,
  ): Promise<{ ours: Verdicts; pdfsig: Verdicts; indication: string }> {
    const report = await verifier.verify(pdf);
    return {
      ours: Object.fromEntries(
        report.signatures.map((s) => [s.fieldName, s.indication === 'TOTAL-PASSED']),
      ),
      pdfsig: Object.fromEntries(
        pdfsig
          .signatures(pdf)
          .map((s) => [
            s.fieldName,
            s.signatureValidation === 'Signature is Valid.' &&
              s.certificateValidation === 'Certificate is Trusted.',
          ]),
      ),
      indication: report.indication,
    };
  }

  it.each([
    ['the second', 1],
    ['the first', 0],
  ])(
    "a signature field whose dictionary copies %s signature's /ByteRange and writes its marker is no valid signature",
    async (_, index) => {
      const { byteRange } = locateSignatures(signed)[index];
      const forged = await appendSignatureField(signed, byteRange, `<DAC50000000${index}>`);
      const result = await verdicts(forged);
      expect(result.pdfsig).toEqual({ Signature1: true, Signature2: true, Signature3: false });
      expect(result.ours).toEqual(result.pdfsig);
      expect(result.indication).not.toBe('TOTAL-PASSED');
    },
  );

  it.each(['<DAC500000000>', '<DAC500000001>'])(
    'an annotation added after signing whose /Contents is %s changes no signature',
    async (contents) => {
      const annotated = await appendAnnotationWithContents(signed, contents);
      const result = await verdicts(annotated);
      expect(result.pdfsig).toEqual({ Signature1: true, Signature2: true });
      expect(result.ours).toEqual(result.pdfsig);
    },
  );

  it('an annotation whose /Contents is <DAC500000000>, signed over, changes no signature', async () => {
    const annotated = await appendAnnotationWithContents(
      await buildUnsignedPdf(),
      '<DAC500000000>',
    );
    const result = await verdicts(await signedDispatchPdf(pki, G22, { pdf: annotated }));
    expect(result.pdfsig).toEqual({ Signature1: true, Signature2: true });
    expect(result.ours).toEqual(result.pdfsig);
    expect(result.indication).toBe('TOTAL-PASSED');
  });
});

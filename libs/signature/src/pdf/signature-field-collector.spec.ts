import { PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';
import { PdfStructureError } from './pdf-structure-error';
import { collectSignatureFields } from './signature-field-collector';

async function documentWithFields(build: (doc: PDFDocument) => PDFRef[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const roots = build(doc);
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: roots }));
  return doc;
}

describe('collectSignatureFields', () => {
  it('qualifies names, inherits /FT and skips unsigned or non-signature fields', async () => {
    const doc = await documentWithFields((d) => {
      const sig = d.context.register(d.context.obj({ Type: 'Sig' }));
      const signed = d.context.register(d.context.obj({ T: PDFString.of('seal'), V: sig }));
      const empty = d.context.register(d.context.obj({ T: PDFString.of('empty') }));
      const text = d.context.register(
        d.context.obj({ T: PDFString.of('note'), FT: 'Tx', V: PDFString.of('x') }),
      );
      const parent = d.context.register(
        d.context.obj({ T: PDFString.of('approvals'), FT: 'Sig', Kids: [signed, empty] }),
      );
      return [parent, text];
    });
    const fields = collectSignatureFields(doc.context, DEFAULT_PDF_LIMITS);
    expect(fields.map((f) => [f.fieldName, f.signature !== undefined])).toEqual([
      ['approvals.seal', true],
    ]);
  });

  it('survives a /Kids cycle', async () => {
    const doc = await documentWithFields((d) => {
      const a = d.context.nextRef();
      const b = d.context.nextRef();
      const sig = d.context.register(d.context.obj({ Type: 'Sig' }));
      d.context.assign(a, d.context.obj({ T: PDFString.of('a'), FT: 'Sig', Kids: [b] }));
      d.context.assign(b, d.context.obj({ T: PDFString.of('b'), V: sig, Kids: [a] }));
      return [a];
    });
    expect(collectSignatureFields(doc.context, DEFAULT_PDF_LIMITS).map((f) => f.fieldName)).toEqual(
      [],
    );
  });

  it('refuses a field tree deeper than the limit', async () => {
    const doc = await documentWithFields((d) => {
      let child = d.context.register(d.context.obj({ T: PDFString.of('leaf'), FT: 'Sig' }));
      for (let i = 0; i < 50; i += 1)
        child = d.context.register(d.context.obj({ T: PDFString.of(`n${i}`), Kids: [child] }));
      return [child];
    });
    expect(() => collectSignatureFields(doc.context, DEFAULT_PDF_LIMITS)).toThrow(
      PdfStructureError,
    );
  });
});

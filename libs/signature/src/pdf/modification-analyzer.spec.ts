import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext } from 'pdf-lib';
import {
  appendAnnotation,
  appendPageContentChange,
} from '@docaxis/signature/testing/pdf-tampering';
import { PdfIncrementalUpdate } from '@docaxis/signature/testing/pdf-incremental-update';
import { buildUnsignedPdf } from '@docaxis/signature/testing/unsigned-pdf-builder';
import {
  analyzeModifications,
  type DocMdpPermission,
  type ModificationAnalysis,
} from './modification-analyzer';
import { loadPdfObjectGraph } from './pdf-object-graph-loader';
import { DEFAULT_PDF_LIMITS } from './pdf-limits';

async function graph(pdf: Buffer): Promise<PDFContext> {
  return loadPdfObjectGraph(pdf, DEFAULT_PDF_LIMITS);
}

async function analyze(
  signed: Buffer,
  final: Buffer,
  docMdp?: DocMdpPermission,
): Promise<ModificationAnalysis> {
  return analyzeModifications(await graph(signed), await graph(final), docMdp);
}

/** One incremental update made by `edit`. */
async function update(pdf: Buffer, edit: (u: PdfIncrementalUpdate) => void): Promise<Buffer> {
  const next = await PdfIncrementalUpdate.open(pdf);
  edit(next);
  return next.build().pdf;
}

function catalogRef(u: PdfIncrementalUpdate): PDFRef {
  return u.doc.context.trailerInfo.Root as PDFRef;
}

describe('analyzeModifications', () => {
  let base: Buffer;

  beforeAll(async () => {
    base = await buildUnsignedPdf({ pages: 2 });
  });

  it('finds nothing when nothing was appended', async () => {
    await expect(analyze(base, base)).resolves.toEqual({
      status: 'none',
      details: [],
      disallowed: [],
      explanations: [],
    });
  });

  it('allows an added annotation and lists it', async () => {
    const result = await analyze(base, await appendAnnotation(base, { pageIndex: 1 }));
    expect(result.status).toBe('allowed');
    expect(result.details).toContain('page 2: /Text annotation added');
  });

  it('refuses changed page content', async () => {
    const result = await analyze(base, await appendPageContentChange(base));
    expect(result.status).toBe('disallowed');
    expect(result.disallowed).toEqual(['page 1: /Contents changed']);
  });

  it('refuses a page removed from the page tree', async () => {
    const final = await update(base, (u) => {
      const pagesRef = u.doc.catalog.get(PDFName.of('Pages')) as PDFRef;
      const pages = u.doc.context.lookup(pagesRef, PDFDict);
      const kids = pages.get(PDFName.of('Kids')) as PDFArray;
      kids.remove(1);
      pages.set(PDFName.of('Count'), PDFNumber.of(1));
      u.setObject(pagesRef, pages);
    });
    const result = await analyze(base, final);
    expect(result.status).toBe('disallowed');
    expect(result.disallowed[0]).toMatch(/page tree changed \(2 page\(s\) when signed, 1 now\)/);
  });

  it('refuses a catalog /OpenAction (script on open) but allows DSS and Info updates', async () => {
    const openAction = await update(base, (u) => {
      u.doc.catalog.set(
        PDFName.of('OpenAction'),
        u.doc.context.obj({ S: 'JavaScript', JS: 'app.alert(1)' }),
      );
      u.setObject(catalogRef(u), u.doc.catalog);
    });
    expect((await analyze(base, openAction)).disallowed).toEqual([
      'document catalog /OpenAction changed',
    ]);

    const dss = await update(base, (u) => {
      const dssRef = u.allocate();
      u.setObject(dssRef, u.doc.context.obj({ Certs: [] }));
      u.doc.catalog.set(PDFName.of('DSS'), dssRef);
      u.setObject(catalogRef(u), u.doc.catalog);
      const infoRef = u.doc.context.trailerInfo.Info as PDFRef;
      const info = u.doc.context.lookup(infoRef, PDFDict);
      info.set(PDFName.of('Producer'), PDFString.of('another producer'));
      u.setObject(infoRef, info);
    });
    const result = await analyze(base, dss);
    expect(result.status).toBe('allowed');
    expect(result.details).toEqual(
      expect.arrayContaining([
        'validation data (DSS) added or updated',
        'document information dictionary updated',
      ]),
    );
  });

  it('allows a signer to declare a PDF version or developer extensions', async () => {
    const declared = await update(base, (u) => {
      u.doc.catalog.set(PDFName.of('Version'), PDFName.of('2.0'));
      u.doc.catalog.set(
        PDFName.of('Extensions'),
        u.doc.context.obj({ ESIC: { BaseVersion: PDFName.of('1.7'), ExtensionLevel: 1 } }),
      );
      u.setObject(catalogRef(u), u.doc.catalog);
    });
    const result = await analyze(base, declared);
    expect(result.status).toBe('allowed');
    expect(result.details).toEqual(
      expect.arrayContaining([
        'document catalog /Version updated',
        'document catalog /Extensions updated',
      ]),
    );
  });

  it('refuses removing an annotation that existed when signing', async () => {
    const annotated = await appendAnnotation(base);
    const removed = await update(annotated, (u) => {
      const page = u.doc.getPage(0);
      page.node.set(PDFName.of('Annots'), u.doc.context.obj([]));
      u.setObject(page.ref, page.node);
    });
    expect((await analyze(annotated, removed)).disallowed).toEqual([
      'page 1: annotations present when signing were removed',
    ]);
  });

  it('applies a certification signature DocMDP permission', async () => {
    const annotated = await appendAnnotation(base);
    expect((await analyze(base, annotated, 3)).status).toBe('allowed');
    expect((await analyze(base, annotated, 2)).status).toBe('disallowed');
    expect((await analyze(base, annotated, 1)).disallowed).toContain(
      'the signature certifies the document with DocMDP P=1: no change at all is permitted',
    );
  });

  it('allows signing a signature field that was empty when signed, not re-signing a filled one', async () => {
    let fieldRef: PDFRef | undefined;
    const withEmptyField = await update(base, (u) => {
      fieldRef = u.allocate();
      const page = u.doc.getPage(0);
      u.setObject(
        fieldRef,
        u.doc.context.obj({
          Type: 'Annot',
          Subtype: 'Widget',
          FT: 'Sig',
          T: PDFString.of('Approval'),
          Rect: [0, 0, 0, 0],
          P: page.ref,
        }),
      );
      page.node.set(PDFName.of('Annots'), u.doc.context.obj([fieldRef]));
      u.setObject(page.ref, page.node);
      const formRef = u.allocate();
      u.setObject(formRef, u.doc.context.obj({ Fields: [fieldRef] }));
      u.doc.catalog.set(PDFName.of('AcroForm'), formRef);
      u.setObject(catalogRef(u), u.doc.catalog);
    });
    const fill = (pdf: Buffer, value: string) =>
      update(pdf, (u) => {
        const field = u.doc.context.lookup(fieldRef, PDFDict);
        field.set(PDFName.of('V'), u.doc.context.obj({ Type: 'Sig', Name: PDFString.of(value) }));
        u.setObject(fieldRef!, field);
      });
    const signed = await fill(withEmptyField, 'first');
    const result = await analyze(withEmptyField, signed);
    expect(result.status).toBe('allowed');
    expect(result.details).toContain('empty signature field "Approval" signed');
    const resigned = await fill(signed, 'second');
    expect((await analyze(signed, resigned)).disallowed).toEqual([
      'form field "Approval": /V changed',
    ]);
  });

  it('refuses a later revision whose new annotation does not resolve to a dictionary', async () => {
    const dangling = await update(base, (u) => {
      const page = u.doc.getPage(0);
      page.node.set(PDFName.of('Annots'), u.doc.context.obj([PDFRef.of(9999)]));
      u.setObject(page.ref, page.node);
    });
    expect((await analyze(base, dangling)).disallowed).toEqual([
      'page 1: an annotation added after signing is not a dictionary (missing or malformed)',
    ]);
  });
  it('refuses page content replaced under an escaped key (/#43ontents reads as /Contents)', async () => {
    const final = await update(base, (u) => {
      const page = u.doc.getPage(0);
      const streamRef = u.allocate();
      u.setStream(streamRef, '', Buffer.from('q 1 0 0 rg 0 0 600 800 re f Q', 'latin1'));
      page.node.set(PDFName.of('Contents'), streamRef);
      const written = page.node.toString().replace('/Contents', '/#43ontents');
      expect(written).toContain('/#43ontents');
      u.setRaw(page.ref, written);
    });
    const result = await analyze(base, final);
    expect(result.status).toBe('disallowed');
    expect(result.disallowed).toEqual(['page 1: /Contents changed']);
  });

  /** One update rewriting the page tree root's dictionary as `rewrite` turns its written text. */
  async function rewritePages(pdf: Buffer, rewrite: (text: string) => string): Promise<Buffer> {
    return update(pdf, (u) => {
      const pagesRef = u.doc.catalog.get(PDFName.of('Pages')) as PDFRef;
      u.setRaw(pagesRef, rewrite(u.doc.context.lookup(pagesRef, PDFDict).toString()));
    });
  }
  const changedPages = /^object \d+ 0 R \(dictionary \/Pages\) changed$/;

  it('counts an object redefined with only an added null entry as changed', async () => {
    const final = await rewritePages(base, (text) => text.replace(/>>\s*$/, ' /Hidden null >>'));
    const result = await analyze(base, final);
    expect(result.status).toBe('disallowed');
    expect(result.disallowed).toEqual([expect.stringMatching(changedPages)]);
  });

  it('refuses a value changed deep inside an otherwise identical dictionary', async () => {
    const nested = await rewritePages(base, (text) =>
      text.replace(/>>\s*$/, ' /Extra << /A << /B [1 2 3] >> >> >>'),
    );
    const deeper = await rewritePages(nested, (text) =>
      text.replace(/\[\s*1\s+2\s+3\s*\]/, '[1 2 4]'),
    );
    const result = await analyze(nested, deeper);
    expect(result.status).toBe('disallowed');
    expect(result.disallowed).toEqual([expect.stringMatching(changedPages)]);
    const same = await rewritePages(nested, (text) => text);
    expect((await analyze(nested, same)).status).toBe('none');
  });
});

import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFObject,
  type PDFRef,
} from 'pdf-lib';
import type { PdfIncrementalUpdate } from './pdf-incremental-update';
import { writableAcroForm, writableArray, writablePage } from './pdf-writable-entries';

/**
 * Adds to `update` an invisible signature field merged with its widget, whose value is the
 * signature dictionary `signatureRef`: listed in the AcroForm's /Fields (with /SigFlags 3) and in
 * the page's /Annots. Answers the field's name: `fieldName`, or the first free `Signature<n>`.
 */
export function addSignatureField(
  update: PdfIncrementalUpdate,
  signatureRef: PDFRef,
  options: { pageIndex: number; fieldName?: string },
): string {
  const { context } = update.doc;
  const page = writablePage(update, options.pageIndex);
  const fieldRef = update.allocate();
  const acroForm = writableAcroForm(update);
  const fields = writableArray(update, acroForm.dict, 'Fields', acroForm.commit);
  const fieldName = options.fieldName ?? freeFieldName(fields.array, context.lookup.bind(context));
  update.setObject(
    fieldRef,
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: textString(fieldName),
      V: signatureRef,
      F: 132, // Print + Locked
      Rect: [0, 0, 0, 0],
      P: page.ref,
    }),
  );

  fields.array.push(fieldRef);
  fields.commit();
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  acroForm.commit();

  const annots = writableArray(update, page.dict, 'Annots', page.commit);
  annots.array.push(fieldRef);
  annots.commit();
  return fieldName;
}

function freeFieldName(
  fields: PDFArray,
  lookup: (ref: PDFObject) => PDFObject | undefined,
): string {
  const taken = new Set(
    fields.asArray().map((field) => {
      const dict = lookup(field);
      const title = dict instanceof PDFDict ? dict.get(PDFName.of('T')) : undefined;
      return title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
    }),
  );
  let n = 1;
  while (taken.has(`Signature${n}`)) n += 1;
  return `Signature${n}`;
}

/** PDF text string: literal for ASCII, UTF-16BE hex otherwise. */
function textString(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) && !/[()\\]/.test(text)
    ? PDFString.of(text)
    : PDFHexString.fromText(text);
}

import { PDFDict, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { arrayOf, catalogOf, dictOf, nameOf, textOf } from './pdf-object-access';
import type { PdfLimits } from './pdf-limits';
import { PdfStructureError } from './pdf-structure-error';
import { pdfName } from './pdf-names';

export interface SignatureField {
  /** Fully qualified name: the /T of every ancestor joined with '.'. */
  readonly fieldName: string;
  /** The field dictionary's reference, when it is an indirect object. */
  readonly fieldRef?: PDFRef;
  /** The /V value as written (a reference, or a direct dictionary). */
  readonly value: PDFObject;
  /** /V resolved; undefined when it is not a dictionary. */
  readonly signature?: PDFDict;
}

/**
 * Signature fields (/FT /Sig, inherited from ancestors) that carry a value, walking the
 * AcroForm field tree with a visited set and depth/size bounds (a crafted /Kids cycle must not
 * loop). Unsigned signature fields (no /V) are not signatures and are skipped.
 */
export function collectSignatureFields(context: PDFContext, limits: PdfLimits): SignatureField[] {
  const catalog = catalogOf(context);
  const acroForm = catalog ? dictOf(context, catalog.get(pdfName('AcroForm'))) : undefined;
  const roots = acroForm ? arrayOf(context, acroForm.get(pdfName('Fields'))) : undefined;
  if (!roots) return [];
  const found: SignatureField[] = [];
  const visited = new Set<PDFObject>();
  let walked = 0;

  const visit = (
    node: PDFObject,
    parentName: string,
    inherited: { type?: string; value?: PDFObject },
    depth: number,
  ): void => {
    const dict = dictOf(context, node);
    const identity = node instanceof PDFRef ? node : dict;
    if (!dict || !identity || visited.has(identity)) return;
    visited.add(identity);
    walked += 1;
    if (walked > limits.maxFields || depth > limits.maxFieldDepth) {
      throw new PdfStructureError(
        'PDF_UNPARSEABLE',
        'the form field tree is too large or too deep',
      );
    }
    const partial = textOf(context, dict.get(pdfName('T')));
    const fieldName =
      partial === undefined ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const type = nameOf(context, dict.get(pdfName('FT'))) ?? inherited.type;
    const value = dict.get(pdfName('V')) ?? inherited.value;
    const kids = arrayOf(context, dict.get(pdfName('Kids')));
    const fieldKids = kids ? kids.asArray().filter((kid) => isField(context, kid)) : [];
    if (fieldKids.length > 0) {
      for (const kid of fieldKids) visit(kid, fieldName, { type, value }, depth + 1);
      return;
    }
    if (type === 'Sig' && value !== undefined) {
      found.push({
        fieldName,
        fieldRef: node instanceof PDFRef ? node : undefined,
        value,
        signature: dictOf(context, value),
      });
    }
  };

  for (const root of roots.asArray()) visit(root, '', {}, 0);
  return found;
}

/** A kid with a /T is a field; one without is only a widget annotation of its parent. */
function isField(context: PDFContext, kid: PDFObject): boolean {
  const dict = dictOf(context, kid);
  return dict !== undefined && dict.has(pdfName('T'));
}

import { PDFNumber, type PDFContext, type PDFDict } from 'pdf-lib';
import type { DocMdpPermission } from './modification-analyzer';
import { arrayOf, dictOf, nameOf, resolve } from './pdf-object-access';
import { pdfName } from './pdf-names';

/**
 * The DocMDP permission a certification signature grants later revisions (its signature
 * reference with /TransformMethod /DocMDP; /P defaults to 2), or undefined for an ordinary
 * approval signature.
 */
export function docMdpPermissionOf(
  context: PDFContext,
  signature: PDFDict,
): DocMdpPermission | undefined {
  for (const reference of arrayOf(context, signature.get(pdfName('Reference')))?.asArray() ?? []) {
    const dict = dictOf(context, reference);
    if (!dict || nameOf(context, dict.get(pdfName('TransformMethod'))) !== 'DocMDP') continue;
    const params = dictOf(context, dict.get(pdfName('TransformParams')));
    const p = params ? resolve(context, params.get(pdfName('P'))) : undefined;
    const value = p instanceof PDFNumber ? p.asNumber() : 2;
    return value === 1 || value === 3 ? value : 2;
  }
  return undefined;
}

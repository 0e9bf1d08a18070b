import { PDFArray, PDFDict, PDFName, PDFRef } from 'pdf-lib';
import type { PdfIncrementalUpdate } from './pdf-incremental-update';

/**
 * Editing helpers for incremental updates: a value may sit inline in its parent or in an object
 * of its own, and only the object that really changed may be rewritten. Each helper hands back
 * the value to change and a `commit` that writes the right object into the update.
 */
export interface WritableArray {
  array: PDFArray;
  commit: () => void;
}

export interface WritableDict {
  dict: PDFDict;
  commit: () => void;
}

/** `holder[key]` as an array to append to: indirect, inline, or created inline when missing. */
export function writableArray(
  update: PdfIncrementalUpdate,
  holder: PDFDict,
  key: string,
  commitHolder: () => void,
): WritableArray {
  const { context } = update.doc;
  const value = holder.get(PDFName.of(key));
  if (value instanceof PDFRef) {
    const array = context.lookup(value, PDFArray);
    return { array, commit: () => update.setObject(value, array) };
  }
  if (value instanceof PDFArray) return { array: value, commit: commitHolder };
  const array = context.obj([]);
  holder.set(PDFName.of(key), array);
  return { array, commit: commitHolder };
}

/** The catalog's /AcroForm (created as an object of its own when missing). */
export function writableAcroForm(update: PdfIncrementalUpdate): WritableDict {
  const { context, catalog } = update.doc;
  const catalogRef = context.trailerInfo.Root as PDFRef;
  const commitCatalog = () => update.setObject(catalogRef, catalog);
  const existing = catalog.get(PDFName.of('AcroForm'));
  if (existing instanceof PDFRef) {
    const dict = context.lookup(existing, PDFDict);
    return { dict, commit: () => update.setObject(existing, dict) };
  }
  if (existing instanceof PDFDict) return { dict: existing, commit: commitCatalog };
  const ref = update.allocate();
  const dict = context.obj({ Fields: [] });
  catalog.set(PDFName.of('AcroForm'), ref);
  commitCatalog();
  return { dict, commit: () => update.setObject(ref, dict) };
}

/** A page's dictionary, rewritten as a whole. */
export function writablePage(
  update: PdfIncrementalUpdate,
  pageIndex: number,
): WritableDict & { ref: PDFRef } {
  const page = update.doc.getPage(pageIndex);
  return { ref: page.ref, dict: page.node, commit: () => update.setObject(page.ref, page.node) };
}

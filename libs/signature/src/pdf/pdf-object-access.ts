import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { pdfName, pdfNameText } from './pdf-names';

/** Small typed accessors over pdf-lib objects that never throw on unexpected types. */

export function resolve(context: PDFContext, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? context.lookup(object) : object;
}

export function dictEntry(context: PDFContext, dict: PDFDict, key: string): PDFObject | undefined {
  return resolve(context, dict.get(pdfName(key)));
}

export function dictOf(context: PDFContext, object: PDFObject | undefined): PDFDict | undefined {
  const resolved = resolve(context, object);
  return resolved instanceof PDFDict ? resolved : undefined;
}

export function arrayOf(context: PDFContext, object: PDFObject | undefined): PDFArray | undefined {
  const resolved = resolve(context, object);
  return resolved instanceof PDFArray ? resolved : undefined;
}

export function nameOf(context: PDFContext, object: PDFObject | undefined): string | undefined {
  const resolved = resolve(context, object);
  return resolved instanceof PDFName ? pdfNameText(resolved) : undefined;
}

export function textOf(context: PDFContext, object: PDFObject | undefined): string | undefined {
  const resolved = resolve(context, object);
  if (resolved instanceof PDFString || resolved instanceof PDFHexString) {
    try {
      return resolved.decodeText();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function catalogOf(context: PDFContext): PDFDict | undefined {
  return dictOf(context, context.trailerInfo.Root);
}

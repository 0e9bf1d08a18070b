import { PDFName } from 'pdf-lib';

/**
 * `PDFName.of` and `PDFName#decodeText`, memoised. pdf-lib runs a regular-expression replace in
 * every `PDFName.of` and rebuilds a byte array in every `decodeText`; parsing and comparing a
 * document's objects called them ~10 % of a verification's CPU. Both are pure functions of their
 * argument (pdf-lib interns names forever: `PDFName.of(text)` always returns the same instance,
 * whose encoded form never changes), so the memoised results are exactly what the calls return.
 */
const nameByText = new Map<string, PDFName>();
const textByName = new WeakMap<PDFName, string>();
/** Hostile files can hold many distinct names: the memo is dropped, never grown past this. */
const MAX_MEMOISED_NAMES = 4096;

/** Exactly `PDFName.of(text)`. */
export function pdfName(text: string): PDFName {
  let name = nameByText.get(text);
  if (name === undefined) {
    name = PDFName.of(text);
    if (nameByText.size >= MAX_MEMOISED_NAMES) nameByText.clear();
    nameByText.set(text, name);
  }
  return name;
}

/** Exactly `name.decodeText()`. */
export function pdfNameText(name: PDFName): string {
  let text = textByName.get(name);
  if (text === undefined) {
    text = name.decodeText();
    textByName.set(name, text);
  }
  return text;
}

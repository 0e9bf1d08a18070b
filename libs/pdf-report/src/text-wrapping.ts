/** Measures a string in points at the size being laid out (e.g. PDFFont.widthOfTextAtSize). */
export type TextMeasure = (text: string) => number;

/**
 * Splits text into lines no wider than `maxWidth`: breaks at spaces, keeps explicit line breaks,
 * and cuts a word that alone is too wide (a URL, a fingerprint) at the last character that fits.
 */
export function wrapText(text: string, maxWidth: number, measure: TextMeasure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      // The last code point stays on the line even when alone it is too wide.
      while (Array.from(rest).length > 1 && measure(rest) > maxWidth) {
        const cut = longestFittingPrefix(rest, maxWidth, measure);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** At least one code point, so a column narrower than a glyph still makes progress. */
function longestFittingPrefix(word: string, maxWidth: number, measure: TextMeasure): number {
  const codePoints = Array.from(word);
  let low = 1;
  let high = codePoints.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(codePoints.slice(0, mid).join('')) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return codePoints.slice(0, low).join('').length;
}

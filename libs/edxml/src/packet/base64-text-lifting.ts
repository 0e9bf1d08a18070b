import { randomBytes } from 'node:crypto';

/**
 * Every run of base64 characters (and the whitespace of its line breaks) of at least 1 KiB that
 * sits between '>' and '<', taken out of a document and replaced by a placeholder carrying a
 * per-call random nonce that input cannot forge. XML parsers walk text character by character;
 * lifting the attachments' base64 out leaves them only the markup, which can then be bounded.
 *
 * Only a run between '>' and '<' is lifted: '<' is illegal in attribute values, so such a run is
 * character data (or inside a comment, CDATA section or processing instruction, where putting it
 * back changes nothing). A lifted run's line breaks are normalized as an XML parser would (CR LF
 * and a lone CR read as LF), so what is put back is exactly the character data the XML holds; and
 * canonical XML writes such text unchanged (it escapes only '&', '<', '>' and CR), so the
 * canonical form of the whole document is the lean one's with each placeholder replaced.
 */
export interface LiftedBase64Texts {
  /** The document with each lifted run replaced by its placeholder. */
  readonly lean: string;
  /** The lifted runs, line breaks normalized, in document order. */
  readonly texts: readonly string[];
  /** Matches a placeholder (global); group 1 is its index in `texts`. */
  readonly placeholder: RegExp;
}

/** Below any attachment's base64, above indentation and metadata (Subject, Content ≤ 500). */
export const LIFTED_TEXT_MIN_LENGTH = 1024;

/** A scan, not a regular expression: V8 overflows its stack on a counted quantifier over MBs. */
export function liftBase64Texts(xml: string): LiftedBase64Texts {
  const nonce = randomBytes(8).toString('hex');
  const texts: string[] = [];
  const parts: string[] = [];
  let copiedUpTo = 0;
  let position = xml.indexOf('>');
  while (position >= 0) {
    let end = position + 1;
    while (end < xml.length && isBase64TextCharacter(xml.charCodeAt(end))) end++;
    if (end - position - 1 >= LIFTED_TEXT_MIN_LENGTH && xml.charCodeAt(end) === 0x3c) {
      parts.push(xml.slice(copiedUpTo, position + 1), `\ue000${nonce}:${texts.length}\ue001`);
      texts.push(xml.slice(position + 1, end).replace(/\r\n?/g, '\n'));
      copiedUpTo = end;
    }
    position = xml.indexOf('>', end);
  }
  parts.push(xml.slice(copiedUpTo));
  return {
    lean: parts.join(''),
    texts,
    placeholder: new RegExp(`\ue000${nonce}:(\\d+)\ue001`, 'g'),
  };
}

/** `text` (from the lean document) with its placeholders replaced by the runs they stand for. */
export function restoreLiftedTexts(text: string, lifted: LiftedBase64Texts): string {
  if (lifted.texts.length === 0) return text;
  return text.replace(lifted.placeholder, (_match, index: string) => lifted.texts[Number(index)]);
}

function isBase64TextCharacter(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2b || // +
    code === 0x2f || // /
    code === 0x3d || // =
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d
  );
}

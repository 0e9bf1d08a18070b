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

/**
 * Base64 characters and whitespace from `lastIndex` on. A plain greedy star on one character
 * class runs natively without backtracking state (64 MB: about 60 ms, a charCodeAt loop 550 ms);
 * a counted quantifier (`{1024,}`) would overflow V8's stack on megabytes, hence the length test.
 */
const BASE64_RUN = /[A-Za-z0-9+/= \t\r\n]*/y;

export function liftBase64Texts(xml: string): LiftedBase64Texts {
  const nonce = randomBytes(8).toString('hex');
  const texts: string[] = [];
  const parts: string[] = [];
  let copiedUpTo = 0;
  let position = xml.indexOf('>');
  while (position >= 0) {
    BASE64_RUN.lastIndex = position + 1;
    BASE64_RUN.test(xml);
    const end = BASE64_RUN.lastIndex;
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

/**
 * `lifted` with every run whose placeholder occurs in `part` (markup of its lean document) back
 * in the lean document; `lifted` itself when there is none. For markup that must be read as it
 * is, such as an XML signature's own base64.
 */
export function putBackLiftedTexts(lifted: LiftedBase64Texts, part: string): LiftedBase64Texts {
  const indices = new Set(Array.from(part.matchAll(lifted.placeholder), ([, index]) => index));
  if (indices.size === 0) return lifted;
  return {
    ...lifted,
    lean: lifted.lean.replace(lifted.placeholder, (match, index: string) =>
      indices.has(index) ? lifted.texts[Number(index)] : match,
    ),
  };
}

/**
 * Text that crosses the axis is shown to clerks in other agencies' systems, so it must be plain,
 * visible and canonically encoded: Unicode NFC (Vietnamese diacritics have several encodings and
 * must compare equal), no control characters, no unpaired surrogates (they break UTF-8 encoding
 * downstream) and no invisible formatting characters (zero-width, bidirectional overrides) that
 * make two different strings look the same.
 */
export type SafeTextResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

export interface SafeTextOptions {
  /** Allow line breaks and tabs (free text such as `content`); single-line fields refuse them. */
  readonly multiline?: boolean;
}

const LINE_BREAKS_AND_TAB = new Set([0x09, 0x0a, 0x0d]);
// Zero-width characters, soft hyphen, word joiner, bidi embeddings/overrides/isolates, BOM.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;

export function sanitizeText(raw: string, options: SafeTextOptions = {}): SafeTextResult {
  // Most text has no surrogates and no control characters: one pass over the code units says
  // so, and only text that has one is walked again to find and name it.
  const suspicious = hasSurrogateOrControl(raw);
  if (suspicious && hasUnpairedSurrogate(raw)) {
    return { ok: false, reason: 'contains an unpaired UTF-16 surrogate' };
  }
  const control = suspicious ? findControlCharacter(raw, options.multiline ?? false) : undefined;
  if (control !== undefined) {
    return { ok: false, reason: `contains the control character ${codePointLabel(control)}` };
  }
  const invisible = INVISIBLE.exec(raw);
  if (invisible) {
    return {
      ok: false,
      reason: `contains the invisible character ${codePointLabel(invisible[0])}`,
    };
  }
  return { ok: true, value: raw.normalize('NFC').trim() };
}

/** Length in Unicode code points, which is what "characters" means in the standard's limits. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function codePointLabel(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** C0 and C1 controls and DEL; line breaks and tab only count in single-line fields. */
function findControlCharacter(text: string, multiline: boolean): string | undefined {
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const isControl = codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);
    if (isControl && !(multiline && LINE_BREAKS_AND_TAB.has(codePoint))) return character;
  }
  return undefined;
}

/** Whether any code unit is a surrogate or a C0/C1 control or DEL (the cheap pre-check). */
function hasSurrogateOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f) || (unit >= 0xd800 && unit <= 0xdfff)) {
      return true;
    }
  }
  return false;
}

function hasUnpairedSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}

import { NonCanonicalJsonError } from './non-canonical-json.error';

/** A JSON value as it travels and as PostgreSQL's jsonb stores it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Canonical JSON, the byte string the audit chain hashes. It is the RFC 8785 (JCS) form of the
 * value, restricted to what jsonb round-trips unchanged:
 * - no whitespace anywhere;
 * - object members sorted by key, comparing keys as sequences of UTF-16 code units (JavaScript's
 *   default string order, as JCS specifies), recursively; array order is kept;
 * - strings and numbers written exactly as ECMAScript's JSON.stringify writes them (shortest
 *   round-trip number form, `1e+21`, `-0` as `0`; the escapes `\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
 *   `\t`, `\u00XX` for other control characters; everything else literal), which is what JCS
 *   prescribes;
 * - the result is hashed as UTF-8.
 * Anything that is not plain JSON is refused rather than coerced, because a coercion (a Date
 * turned into a string, an undefined member dropped) would make the digest of the value stored
 * differ from the digest of the value given: NaN and infinities, undefined, functions, symbols,
 * bigints, class instances (Date, Buffer, Map), and strings holding a lone UTF-16 surrogate
 * (not valid Unicode, and refused by jsonb).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new NonCanonicalJsonError(path, `the number ${String(value)} has no JSON form`);
      }
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) {
        throw new NonCanonicalJsonError(path, 'the string holds a lone UTF-16 surrogate');
      }
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value, path);
    default:
      throw new NonCanonicalJsonError(path, `a ${typeof value} is not a JSON value`);
  }
}

function writeArray(items: readonly unknown[], path: string): string {
  return `[${items.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
}

function writeObject(value: object, path: string): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value.constructor as { name?: string } | undefined)?.name ?? 'unknown';
    throw new NonCanonicalJsonError(path, `an instance of ${name} is not a plain JSON object`);
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, exactly the order JCS requires.
  const keys = Object.keys(record).sort();
  const members = keys.map((key) => {
    if (LONE_SURROGATE.test(key)) {
      throw new NonCanonicalJsonError(path, 'a member name holds a lone UTF-16 surrogate');
    }
    return `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`;
  });
  return `{${members.join(',')}}`;
}

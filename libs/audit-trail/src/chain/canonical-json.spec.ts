import { canonicalJson } from './canonical-json';
import { NonCanonicalJsonError } from './non-canonical-json.error';

describe('canonicalJson', () => {
  it('sorts keys recursively, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: { d: true, c: 'x' } })).toBe(
      '{"a":{"c":"x","d":true},"b":[3,{"a":null,"z":1}]}',
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 requires (not by code points)', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF21 (code unit FF21).
    expect(canonicalJson({ '\uff21': 1, '\u{1f600}': 2, a: 3, B: 4 })).toBe(
      '{"B":4,"a":3,"\u{1f600}":2,"\uff21":1}',
    );
  });

  it('writes numbers in the shortest round-trip form of ECMAScript (RFC 8785 vectors)', () => {
    expect(
      canonicalJson([1e21, 1e-7, -0, 0.1, 333333333.3333333, Number('9007199254740993'), 5e-324]),
    ).toBe('[1e+21,1e-7,0,0.1,333333333.3333333,9007199254740992,5e-324]');
  });

  it('escapes only quotes, backslashes and control characters; everything else is literal', () => {
    expect(canonicalJson('"\\\b\f\n\r\t\u0001\u001f\u007f\u2028 Đồng Tháp €')).toBe(
      '"\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028 Đồng Tháp €"',
    );
  });

  it('refuses values that are not plain JSON, naming where they are', () => {
    const refused: Array<[unknown, string]> = [
      [{ a: Number.NaN }, '$.a'],
      [{ a: [1, Number.POSITIVE_INFINITY] }, '$.a[1]'],
      [{ a: undefined }, '$.a'],
      [{ a: new Date(0) }, '$.a'],
      [{ a: Buffer.from('x') }, '$.a'],
      [{ a: 1n }, '$.a'],
      [{ a: () => 1 }, '$.a'],
      [{ a: 'bad \ud800 surrogate' }, '$.a'],
      [{ ['\udc00']: 1 }, '$'],
    ];
    for (const [value, path] of refused) {
      let error: unknown;
      try {
        canonicalJson(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(NonCanonicalJsonError);
      expect((error as NonCanonicalJsonError).code).toBe('AUDIT_NON_CANONICAL_JSON');
      expect((error as NonCanonicalJsonError).path).toBe(path);
    }
  });

  it('accepts well-formed surrogate pairs and objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = '\u{1f600}';
    expect(canonicalJson(bare)).toBe('{"k":"\u{1f600}"}');
  });

  it('gives the same text for a value and for the value after a JSON round trip', () => {
    const value = { n: [1.5, -2, 1e300], s: 'a\u0000b', o: { y: null, x: false } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });
});

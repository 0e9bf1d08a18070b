import { Asn1DecodingError } from './asn1-decoding-error';
import { ASN1_TAG, readAsn1, readAsn1Exact } from './asn1-reader';
import { decodeIntegerHex, decodeOid, decodeString, decodeTime } from './asn1-values';

describe('readAsn1', () => {
  it('decodes nested definite lengths with exact offsets', () => {
    const bytes = Buffer.from('3006020101040100', 'hex');
    const root = readAsn1Exact(bytes);
    expect(root).toMatchObject({ tag: ASN1_TAG.sequence, start: 0, contentStart: 2, end: 8 });
    expect(root.children.map((child) => [child.tag, child.start, child.end])).toEqual([
      [ASN1_TAG.integer, 2, 5],
      [ASN1_TAG.octetString, 5, 8],
    ]);
  });

  it('decodes long-form lengths', () => {
    const content = Buffer.alloc(300, 0x41);
    const bytes = Buffer.concat([Buffer.from([0x04, 0x82, 0x01, 0x2c]), content]);
    const node = readAsn1Exact(bytes);
    expect(node.contentStart).toBe(4);
    expect(node.end).toBe(304);
  });

  it('accepts BER indefinite lengths on constructed values', () => {
    const bytes = Buffer.from('3080020105 0000'.replace(/ /g, ''), 'hex');
    const node = readAsn1Exact(bytes);
    expect(node.children).toHaveLength(1);
    expect(node.contentEnd).toBe(5);
    expect(node.end).toBe(7);
  });

  it.each([
    ['length past the end', '3005020101'],
    ['indefinite primitive', '0480'],
    ['truncated header', '30'],
    ['five length octets', '3085ffffffffff'],
    ['missing end-of-contents', '3080020101'],
    ['high tag number', '1f8101'],
  ])('refuses %s', (_, hex) => {
    expect(() => readAsn1(Buffer.from(hex, 'hex'))).toThrow(Asn1DecodingError);
  });

  it('refuses trailing bytes when asked for an exact value', () => {
    expect(() => readAsn1Exact(Buffer.from('050000', 'hex'))).toThrow(/unexpected bytes/);
  });

  it('stops deep nesting instead of overflowing the stack', () => {
    const depth = 100_000;
    const bytes = Buffer.concat([
      Buffer.alloc(depth * 2).fill(Buffer.from('3080', 'hex')),
      Buffer.alloc(depth * 2),
    ]);
    expect(() => readAsn1(bytes)).toThrow(/nesting deeper/);
  });
});

describe('ASN.1 value decoders', () => {
  it('decodes OIDs, including large UUID arcs', () => {
    const oid = readAsn1(Buffer.from('06092a864886f70d010702', 'hex'));
    expect(decodeOid(Buffer.from('06092a864886f70d010702', 'hex'), oid)).toBe(
      '1.2.840.113549.1.7.2',
    );
    // Encoded by `openssl asn1parse -genstr OID:...`, an independent implementation.
    const uuidOid = Buffer.from('06156982b5bfabbacff5c280c5b3d8beb1f48cb4882a01', 'hex');
    expect(decodeOid(uuidOid, readAsn1(uuidOid))).toBe(
      '2.25.205694602916884423476776305016154424362.1',
    );
  });

  it('decodes every OID as the BigInt arithmetic it replaced did, at and past 2^46 and 2^53', () => {
    const reference = (content: Buffer): string => {
      const arcs: string[] = [];
      let value = 0n;
      let first = true;
      for (const byte of content) {
        value = (value << 7n) | BigInt(byte & 0x7f);
        if ((byte & 0x80) !== 0) continue;
        const head = first ? (value < 80n ? value / 40n : 2n) : undefined;
        if (head === undefined) arcs.push(value.toString());
        else arcs.push(head.toString(), (value - head * 40n).toString());
        first = false;
        value = 0n;
      }
      return arcs.join('.');
    };
    const base128 = (value: bigint): number[] => {
      const out = [Number(value & 0x7fn)];
      for (let rest = value >> 7n; rest > 0n; rest >>= 7n) out.unshift(Number(rest & 0x7fn) | 0x80);
      return out;
    };
    const edges = [
      0n,
      1n,
      39n,
      40n,
      79n,
      80n,
      127n,
      128n,
      2n ** 46n - 1n,
      2n ** 46n,
      2n ** 46n + 1n,
    ];
    edges.push(2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 60n, 2n ** 128n + 12345n);
    let seed = 7;
    const random = (): bigint => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return BigInt(seed) ** BigInt(1 + (seed % 4));
    };
    const cases = edges.flatMap((a) => [[a, 5n], [a], [1n, a, a]]);
    for (let i = 0; i < 500; i += 1) cases.push([random(), random(), random()]);
    for (const arcs of cases) {
      const content = Buffer.from(arcs.flatMap(base128));
      const der = Buffer.concat([Buffer.from([0x06, content.length]), content]);
      expect(decodeOid(der, readAsn1(der))).toBe(reference(content));
    }
    // A leading 0x80 (non-minimal) is decoded, not refused, as before.
    const padded = Buffer.from('0603808001', 'hex');
    expect(decodeOid(padded, readAsn1(padded))).toBe(reference(Buffer.from('808001', 'hex')));
  });

  it('decodes serial numbers without the sign octet', () => {
    const bytes = Buffer.from('020300ff01', 'hex');
    expect(decodeIntegerHex(bytes, readAsn1(bytes))).toBe('FF01');
  });

  it('decodes UTCTime across the 1950/2049 pivot and GeneralizedTime', () => {
    const utc = Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('491231235959Z')]);
    expect(decodeTime(utc, readAsn1(utc)).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    const old = Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('500101000000Z')]);
    expect(decodeTime(old, readAsn1(old)).toISOString()).toBe('1950-01-01T00:00:00.000Z');
    const generalized = Buffer.concat([Buffer.from([0x18, 15]), Buffer.from('20500101120000Z')]);
    expect(decodeTime(generalized, readAsn1(generalized)).toISOString()).toBe(
      '2050-01-01T12:00:00.000Z',
    );
    const impossible = Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('240231000000Z')]);
    expect(() => decodeTime(impossible, readAsn1(impossible))).toThrow(/impossible date/);
  });

  it('decodes UTF-8 and BMP strings (Vietnamese names)', () => {
    const utf8Text = Buffer.from('Văn phòng Chính phủ', 'utf8');
    const utf8 = Buffer.concat([Buffer.from([0x0c, utf8Text.length]), utf8Text]);
    expect(decodeString(utf8, readAsn1(utf8))).toBe('Văn phòng Chính phủ');
    const bmpText = Buffer.from('Bộ', 'utf16le').swap16();
    const bmp = Buffer.concat([Buffer.from([0x1e, bmpText.length]), bmpText]);
    expect(decodeString(bmp, readAsn1(bmp))).toBe('Bộ');
  });
});

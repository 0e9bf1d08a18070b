import { Asn1DecodingError } from './asn1-decoding-error';
import { readAsn1Exact } from './asn1-reader';
import { parseDigestAlgorithm } from './digest-algorithm';
import { parseSignatureAlgorithm } from './signature-algorithm';

/** DER TLV with a one-byte length, from hex parts. */
function tlv(tag: number, ...content: string[]): string {
  const body = content.join('');
  return tag.toString(16).padStart(2, '0') + (body.length / 2).toString(16).padStart(2, '0') + body;
}
const sequence = (...content: string[]) => tlv(0x30, ...content);

const OIDS = {
  sha256: tlv(0x06, '608648016503040201'),
  sha384: tlv(0x06, '608648016503040202'),
  sha256WithRsa: tlv(0x06, '2a864886f70d01010b'),
  rsaEncryption: tlv(0x06, '2a864886f70d010101'),
  ecdsaWithSha256: tlv(0x06, '2a8648ce3d040302'),
  ed25519: tlv(0x06, '2b6570'),
  rsassaPss: tlv(0x06, '2a864886f70d01010a'),
  mgf1: tlv(0x06, '2a864886f70d010108'),
};
const NULL = '0500';

function signature(hex: string, contentDigest?: 'sha256') {
  const bytes = Buffer.from(hex, 'hex');
  return parseSignatureAlgorithm(bytes, readAsn1Exact(bytes), contentDigest);
}

function digest(hex: string) {
  const bytes = Buffer.from(hex, 'hex');
  return parseDigestAlgorithm(bytes, readAsn1Exact(bytes));
}

describe('AlgorithmIdentifier parameters (outside the signed bytes, so checked)', () => {
  it.each([
    ['sha256WithRSAEncryption, NULL', sequence(OIDS.sha256WithRsa, NULL)],
    ['sha256WithRSAEncryption, absent', sequence(OIDS.sha256WithRsa)],
    ['rsaEncryption, NULL', sequence(OIDS.rsaEncryption, NULL)],
    ['ecdsa-with-SHA256, absent', sequence(OIDS.ecdsaWithSha256)],
    ['Ed25519, absent', sequence(OIDS.ed25519)],
  ])('accepts %s', (_, hex) => {
    expect(() => signature(hex, 'sha256')).not.toThrow();
  });

  it.each([
    // The property spec's counterexample: the NULL's tag flipped to an empty OCTET STRING.
    ['an empty OCTET STRING for RSA', sequence(OIDS.sha256WithRsa, '0400')],
    ['a NULL with content', sequence(OIDS.sha256WithRsa, '050100')],
    ['a BOOLEAN for rsaEncryption', sequence(OIDS.rsaEncryption, '010100')],
    ['a third element', sequence(OIDS.sha256WithRsa, NULL, NULL)],
    ['an OID for ECDSA', sequence(OIDS.ecdsaWithSha256, OIDS.sha256)],
    ['NULL for Ed25519', sequence(OIDS.ed25519, NULL)],
  ])('refuses %s as malformed', (_, hex) => {
    expect(() => signature(hex, 'sha256')).toThrow(Asn1DecodingError);
  });

  it('accepts a digest with absent or NULL parameters and refuses anything else', () => {
    expect(digest(sequence(OIDS.sha256)).name).toBe('sha256');
    expect(digest(sequence(OIDS.sha256, NULL)).name).toBe('sha256');
    expect(() => digest(sequence(OIDS.sha256, '0400'))).toThrow(Asn1DecodingError);
    expect(() => digest(sequence(OIDS.sha256, NULL, NULL))).toThrow(Asn1DecodingError);
  });

  describe('RSASSA-PSS-params', () => {
    const hashSha256 = tlv(0xa0, sequence(OIDS.sha256));
    const mgfSha256 = tlv(0xa1, sequence(OIDS.mgf1, sequence(OIDS.sha256)));
    const salt32 = tlv(0xa2, '020120');

    it('reads hash, MGF1 hash and salt length', () => {
      expect(
        signature(sequence(OIDS.rsassaPss, sequence(hashSha256, mgfSha256, salt32))),
      ).toMatchObject({ scheme: 'rsa-pss', hash: 'sha256', saltLength: 32 });
    });

    it('takes an empty SEQUENCE as every default (SHA-1, MGF1-SHA-1, 20-byte salt)', () => {
      expect(signature(sequence(OIDS.rsassaPss, sequence()))).toMatchObject({
        hash: 'sha1',
        saltLength: 20,
      });
    });

    it.each([
      ['absent parameters', sequence(OIDS.rsassaPss)],
      ['NULL parameters', sequence(OIDS.rsassaPss, NULL)],
      ['fields out of order', sequence(OIDS.rsassaPss, sequence(salt32, hashSha256))],
      ['a repeated field', sequence(OIDS.rsassaPss, sequence(hashSha256, hashSha256))],
      ['an unknown field', sequence(OIDS.rsassaPss, sequence(tlv(0xa4, '020101')))],
      [
        'MGF1 with two hashes',
        sequence(
          OIDS.rsassaPss,
          sequence(tlv(0xa1, sequence(OIDS.mgf1, sequence(OIDS.sha256), sequence(OIDS.sha256)))),
        ),
      ],
      [
        'a hash with parameters other than NULL',
        sequence(OIDS.rsassaPss, sequence(tlv(0xa0, sequence(OIDS.sha384, '0400')))),
      ],
    ])('refuses %s as malformed', (_, hex) => {
      expect(() => signature(hex)).toThrow(Asn1DecodingError);
    });
  });
});

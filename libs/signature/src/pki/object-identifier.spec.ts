import forge from 'node-forge';
import { DEV_ORGANIZATION_POLICY_OID } from './certificate-profile';
import { decodeOidContent, encodeOidContent } from './object-identifier';

describe('object identifier content', () => {
  it('encodes small arcs exactly as forge does', () => {
    for (const oid of ['2.5.4.11', '1.2.840.113549.1.9.16.2.47', '1.3.6.1.5.5.7.3.2', '0.9.2342']) {
      expect(encodeOidContent(oid).toString('latin1')).toBe(forge.asn1.oidToDer(oid).getBytes());
    }
  });

  it('round-trips the 128-bit UUID arc that forge cannot encode', () => {
    expect(() => forge.asn1.oidToDer(DEV_ORGANIZATION_POLICY_OID)).toThrow('OID value too large');
    const content = encodeOidContent(DEV_ORGANIZATION_POLICY_OID);
    expect(content[0]).toBe(0x69); // first two arcs 2.25 → 2 * 40 + 25 = 105
    expect(decodeOidContent(content)).toBe(DEV_ORGANIZATION_POLICY_OID);
  });

  it('decodes first arcs of 2 beyond 39 (2.999)', () => {
    expect(decodeOidContent(encodeOidContent('2.999.3'))).toBe('2.999.3');
  });

  it('refuses malformed input', () => {
    expect(() => encodeOidContent('1.2.x')).toThrow(TypeError);
    expect(() => decodeOidContent(Buffer.from([0x2a, 0x86]))).toThrow('truncated');
  });
});

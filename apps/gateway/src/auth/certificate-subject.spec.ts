import type { PeerCertificate } from 'node:tls';
import { formatSubject, subjectAttribute } from './certificate-subject';

const certificate = (subject: Record<string, string | string[]>) =>
  ({ subject }) as unknown as PeerCertificate;

describe('certificate subject', () => {
  it('reads the agency code from the configured attribute (OU by default)', () => {
    expect(
      subjectAttribute(certificate({ CN: 'Văn phòng Chính phủ', OU: '000.00.00.G22' }), '2.5.4.11'),
    ).toBe('000.00.00.G22');
  });

  it('reads attributes Node names by dotted OID', () => {
    expect(subjectAttribute(certificate({ '1.2.3.4': 'X' }), '1.2.3.4')).toBe('X');
  });

  it('refuses to pick one of several values of a repeated attribute', () => {
    expect(
      subjectAttribute(certificate({ OU: ['000.00.00.G22', '000.00.00.H41'] }), '2.5.4.11'),
    ).toBeUndefined();
  });

  it('formats the subject for the audit trail', () => {
    expect(formatSubject(certificate({ C: 'VN', OU: '000.00.00.G22', CN: 'VPCP' }))).toBe(
      'C=VN, OU=000.00.00.G22, CN=VPCP',
    );
  });
});

import { createHash } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { PresentedCertificates } from './presented-certificate';

const OU = '2.5.4.11';

function socketPresenting(certificate: Partial<PeerCertificate>) {
  const getPeerCertificate = jest.fn(() => certificate as PeerCertificate);
  return { socket: { getPeerCertificate } as unknown as TLSSocket, getPeerCertificate };
}

describe('PresentedCertificates', () => {
  const raw = Buffer.from('DER bytes');
  const certificate = { raw, subject: { CN: 'Văn phòng', OU: '000.00.00.H41' } } as never;

  it('reads and describes a connection’s certificate once, for all its requests', () => {
    const presented = new PresentedCertificates(OU);
    const { socket, getPeerCertificate } = socketPresenting(certificate);
    const first = presented.of(socket);
    expect(presented.of(socket)).toBe(first);
    expect(getPeerCertificate).toHaveBeenCalledTimes(1);
    expect(first).toEqual({
      subject: 'CN=Văn phòng, OU=000.00.00.H41',
      agencyCode: '000.00.00.H41',
      fingerprint: createHash('sha256').update(raw).digest('hex'),
    });
  });

  it('keeps connections apart', () => {
    const presented = new PresentedCertificates(OU);
    const other = { raw: Buffer.from('other'), subject: { OU: '000.00.00.H14' } } as never;
    expect(presented.of(socketPresenting(certificate).socket)?.agencyCode).toBe('000.00.00.H41');
    expect(presented.of(socketPresenting(other).socket)?.agencyCode).toBe('000.00.00.H14');
  });

  it('remembers that a connection presented no certificate', () => {
    const presented = new PresentedCertificates(OU);
    // Node answers an empty object when the client sent no certificate.
    const { socket, getPeerCertificate } = socketPresenting({});
    expect(presented.of(socket)).toBeNull();
    expect(presented.of(socket)).toBeNull();
    expect(getPeerCertificate).toHaveBeenCalledTimes(1);
  });
});

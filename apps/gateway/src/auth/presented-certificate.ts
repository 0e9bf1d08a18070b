import { createHash } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { formatSubject, subjectAttribute } from './certificate-subject';

/** What the guard needs of a client certificate: who it names, and its registration key. */
export interface PresentedCertificate {
  subject: string;
  /** The subject attribute that should carry the agency code; not yet checked. */
  agencyCode: string | undefined;
  /** Lower-case hex SHA-256 of the DER certificate. */
  fingerprint: string;
}

export function describeCertificate(
  certificate: PeerCertificate,
  agencyCodeOid: string,
): PresentedCertificate {
  return {
    subject: formatSubject(certificate),
    agencyCode: subjectAttribute(certificate, agencyCodeOid),
    fingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
  };
}

/**
 * The client certificate of each TLS connection, read and described once per connection: a
 * kept-alive connection carries many requests, its peer certificate cannot change (the server
 * refuses renegotiation, see gateway-app.factory), and `getPeerCertificate()` decodes the
 * certificate into a fresh object tree on every call. Only the certificate is remembered; whether
 * it is registered and active is still asked on every request (CredentialCache, with its TTL).
 */
export class PresentedCertificates {
  private readonly bySocket = new WeakMap<TLSSocket, PresentedCertificate | null>();

  constructor(private readonly agencyCodeOid: string) {}

  /** The socket's client certificate, or null when it presented none. */
  of(socket: TLSSocket): PresentedCertificate | null {
    let presented = this.bySocket.get(socket);
    if (presented === undefined) {
      const certificate = socket.getPeerCertificate();
      presented = certificate?.raw ? describeCertificate(certificate, this.agencyCodeOid) : null;
      this.bySocket.set(socket, presented);
    }
    return presented;
  }
}

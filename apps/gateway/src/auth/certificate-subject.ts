import type { PeerCertificate } from 'node:tls';

/** Short names Node uses as keys of a peer certificate's subject for well-known attribute OIDs. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
};

/**
 * Reads one subject attribute of a TLS peer certificate by OID. Node keys known attributes by
 * short name and unknown ones by dotted OID; a repeated attribute comes as an array, which we
 * refuse to guess from (the caller sees no value).
 */
export function subjectAttribute(certificate: PeerCertificate, oid: string): string | undefined {
  const subject = certificate.subject as unknown as Record<string, string | string[] | undefined>;
  const value = subject[SHORT_NAMES[oid] ?? oid];
  return typeof value === 'string' ? value : undefined;
}

export function formatSubject(certificate: PeerCertificate): string {
  const subject = certificate.subject as unknown as Record<string, string | string[]>;
  return Object.entries(subject)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** PEM armour (RFC 7468) for DER blobs: certificates, CRLs, keys. */
export function derToPem(der: Buffer, label: string): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** Every DER blob with the given label in a PEM text, in order (a bundle may hold several). */
export function pemBlocksToDer(pem: string, label: string): Buffer[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`, 'g');
  return [...pem.matchAll(pattern)].map((match) =>
    Buffer.from(match[1].replace(/\s+/g, ''), 'base64'),
  );
}

/** The first DER blob with the given label; throws when the text holds none. */
export function pemToDer(pem: string, label: string): Buffer {
  const [first] = pemBlocksToDer(pem, label);
  if (!first) {
    throw new TypeError(`no "${label}" PEM block found`);
  }
  return first;
}

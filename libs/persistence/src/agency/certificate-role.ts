/**
 * Roles a registered client certificate can grant, as stored in `agency_certificates.roles`.
 * The gateway's CallerRole enum uses exactly these values (a spec there keeps them in step).
 */
export const CERTIFICATE_ROLES = ['agency-system', 'clerk', 'auditor', 'admin'] as const;

export type CertificateRole = (typeof CERTIFICATE_ROLES)[number];

export function isCertificateRole(value: string): value is CertificateRole {
  return (CERTIFICATE_ROLES as readonly string[]).includes(value);
}

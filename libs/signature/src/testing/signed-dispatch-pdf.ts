import { X509Certificate } from 'node:crypto';
import type { DevPki, DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import { signPdf, type PdfSigner, type SignPdfOptions } from './pdf-signer';
import { buildUnsignedPdf, type BuildUnsignedPdfOptions } from './unsigned-pdf-builder';

export interface SignedDispatchPdfOptions {
  /** Start from this PDF instead of building one. */
  pdf?: Buffer;
  unsigned?: BuildUnsignedPdfOptions;
  /** The leader's signing time; the agency signs one minute later. Now by default. */
  signingTime?: Date;
  /** The leader's credential, or false for an agency-only signature (appendices are signed so). */
  leader?: DevPkiCredential | false;
  /** Replaces the agency's seal, e.g. `pki.special('revoked-organization')`. */
  organization?: DevPkiCredential;
  /** Applied to both signatures, then overridden per signer below. */
  signOptions?: SignPdfOptions;
  leaderSignOptions?: SignPdfOptions;
  organizationSignOptions?: SignPdfOptions;
}

/**
 * A dispatch PDF signed the normal way: first by the agency's leader, then by the agency's seal,
 * each in its own incremental revision (NĐ 30/2020). Async, like signPdf.
 */
export async function signedDispatchPdf(
  pki: DevPki,
  agencyCode: string,
  options: SignedDispatchPdfOptions = {},
): Promise<Buffer> {
  const agency = pki.agency(agencyCode);
  const leaderTime = options.signingTime ?? new Date();
  let pdf =
    options.pdf ??
    (await buildUnsignedPdf({
      title: `Công văn của ${agency.name} (TEST)`,
      ...options.unsigned,
    }));

  const leader = options.leader === undefined ? agency.leader : options.leader;
  if (leader) {
    pdf = await signPdf(pdf, devPkiSigner(pki, leader), {
      reason: 'Ký ban hành văn bản',
      name: 'fullName' in leader ? String(leader.fullName) : undefined,
      signingTime: leaderTime,
      ...options.signOptions,
      ...options.leaderSignOptions,
    });
  }
  return signPdf(pdf, devPkiSigner(pki, options.organization ?? agency.organization), {
    reason: `Đóng dấu ${agency.name}`,
    name: agency.name,
    signingTime: new Date(leaderTime.getTime() + 60_000),
    ...options.signOptions,
    ...options.organizationSignOptions,
  });
}

/**
 * A signer for a development PKI credential with the chain a real signing tool would embed:
 * the issuing CA for certificates it issued, the rogue root for the rogue ones (an attacker
 * ships their own chain), nothing otherwise.
 */
export function devPkiSigner(pki: DevPki, credential: DevPkiCredential): PdfSigner {
  const certificate = new X509Certificate(credential.certPem);
  const candidates = [pki.issuing, pki.special('rogue-root-ca')];
  const issuer = candidates.find((candidate) => {
    const ca = new X509Certificate(candidate.certPem);
    return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
  });
  return {
    certPem: credential.certPem,
    keyPem: credential.keyPem,
    chainPems: issuer ? [issuer.certPem] : [],
  };
}

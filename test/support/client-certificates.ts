import { writeFileSync } from 'node:fs';
import { AgencyCertificateRepository } from '@docaxis/persistence/agency/agency-certificate.repository';
import type { CertificateRole } from '@docaxis/persistence/agency/certificate-role';
import { devCertificateRegistration } from '@docaxis/persistence/agency/dev-directory-seed';
import { buildCertificate } from '@docaxis/signature/pki/certificate-builder';
import { agencyClientCertificateSpec } from '@docaxis/signature/pki/dev-certificate-profiles';
import { buildCrl } from '@docaxis/signature/pki/crl-builder';
import type { DevPki, DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import { parseCrl } from '@docaxis/signature/revocation/certificate-revocation-list';
import { generateDevKeyPair } from '@docaxis/signature/pki/key-pair-generator';
import { formatDistinguishedName } from '@docaxis/signature/pki/x509-name';
import { devIssuingCaIssuer } from '@docaxis/signature/testing/dev-issuing-ca-crl';
import type { RunningAxis } from './running-axis';

export interface ClientCertificateOptions {
  /** Written as the subject OU, verbatim (homoglyphs and all). */
  agencyCode: string;
  agencyName?: string;
  commonName?: string;
  notBefore?: Date;
  notAfter?: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * A fresh TLS client certificate from the TEST issuing CA, registered nowhere: for rotation,
 * "valid but not registered" and odd-subject cases. EC P-256, so it costs milliseconds.
 */
export async function issueClientCertificate(
  pki: DevPki,
  options: ClientCertificateOptions,
): Promise<DevPkiCredential> {
  const issuer = devIssuingCaIssuer(pki);
  const keys = await generateDevKeyPair({ kind: 'ec', curve: 'P-256' });
  const agency = { code: options.agencyCode, name: options.agencyName ?? 'TEST agency' };
  const certificate = buildCertificate(
    agencyClientCertificateSpec(
      agency,
      {
        publicKey: keys.publicKey,
        issuer,
        notBefore: options.notBefore ?? new Date(Date.now() - DAY),
        notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY),
      },
      options.commonName,
    ),
  );
  return {
    certPath: '',
    keyPath: '',
    certPem: certificate.pem,
    keyPem: keys.privateKeyPem,
    certDer: certificate.der,
    subject: formatDistinguishedName(certificate.subject),
    serialNumberHex: certificate.serialNumberHex,
    sha256Fingerprint: certificate.sha256Fingerprint,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

/**
 * Writes to `crlPath` a fresh CRL of the TEST issuing CA revoking what its current CRL revokes
 * plus `credential`: what a CA publishing a new CRL looks like to the gateway.
 */
export function publishRevocation(
  pki: DevPki,
  crlPath: string,
  credential: DevPkiCredential,
): void {
  const current = parseCrl(pki.crlDer('issuing-ca'));
  const revoked = [...current.entries.keys(), credential.serialNumberHex.toUpperCase()].map(
    (serialHex) => ({
      serialNumber: Buffer.from(serialHex.length % 2 ? `0${serialHex}` : serialHex, 'hex'),
      revocationDate: new Date(),
    }),
  );
  const crl = buildCrl({
    issuer: devIssuingCaIssuer(pki),
    thisUpdate: new Date(Date.now() - 60_000),
    nextUpdate: new Date(Date.now() + 7 * DAY),
    crlNumber: Math.floor(Date.now() / 1000),
    revoked,
  });
  writeFileSync(crlPath, crl.pem);
}

/** Registers a certificate straight in the axis' database (bypassing the admin API). */
export async function registerDirectly(
  axis: RunningAxis,
  credential: DevPkiCredential,
  agencyCode: string,
  roles: CertificateRole[],
): Promise<void> {
  await new AgencyCertificateRepository(axis.db).upsertMany([
    devCertificateRegistration(credential, agencyCode, roles),
  ]);
}

import type { DataSource } from 'typeorm';
import type { DevPki, DevPkiCredential } from '@docaxis/signature/pki/dev-pki-loader';
import {
  AgencyCertificateRepository,
  type CertificateRegistration,
} from './agency-certificate.repository';
import { AgencyRepository } from './agency.repository';
import type { CertificateRole } from './certificate-role';

/**
 * The development directory: every agency of the TEST PKI, each with its document system's client
 * certificate (agency-system) and its clerk's (clerk), plus the axis operator's auditor and admin.
 * Used by `npm start` and by the test harness; idempotent.
 */
export function devCertificateRegistrations(pki: DevPki): CertificateRegistration[] {
  const register = devCertificateRegistration;
  const auditor = pki.operator('auditor');
  const admin = pki.operator('admin');
  return [
    ...pki.agencies.flatMap((agency) => [
      register(agency.client, agency.code, ['agency-system']),
      register(agency.clerk, agency.code, ['clerk']),
    ]),
    register(auditor, auditor.agencyCode, ['auditor']),
    register(admin, admin.agencyCode, ['admin']),
  ];
}

/** What registering a development certificate records. */
export function devCertificateRegistration(
  credential: DevPkiCredential,
  agencyCode: string,
  roles: CertificateRole[],
): CertificateRegistration {
  return {
    sha256Fingerprint: credential.sha256Fingerprint,
    agencyCode,
    roles,
    subject: credential.subject,
    serialNumber: credential.serialNumberHex,
    notBefore: credential.notBefore,
    notAfter: credential.notAfter,
  };
}

export async function seedDevDirectory(dataSource: DataSource, pki: DevPki): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await new AgencyRepository(dataSource).upsertMany(
      pki.agencies.map((agency) => ({
        code: agency.code,
        name: agency.name,
        parentCode: agency.parentCode,
      })),
      manager,
    );
    await new AgencyCertificateRepository(dataSource).upsertMany(
      devCertificateRegistrations(pki),
      manager,
    );
  });
}

import type { AgencyCertificateEntity } from '@docaxis/persistence/agency/agency-certificate.entity';
import type { AgencyEntity } from '@docaxis/persistence/agency/agency.entity';

export interface AgencyView {
  code: string;
  name: string;
  parentCode: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface CertificateView {
  fingerprint: string;
  agencyCode: string;
  roles: string[];
  subject: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  status: string;
  registeredAt: string;
  retiredAt: string | null;
}

export function agencyView(agency: AgencyEntity): AgencyView {
  return {
    code: agency.code,
    name: agency.name,
    parentCode: agency.parentCode,
    status: agency.status,
    createdAt: agency.createdAt.toISOString(),
    updatedAt: agency.updatedAt.toISOString(),
  };
}

export function certificateView(certificate: AgencyCertificateEntity): CertificateView {
  return {
    fingerprint: certificate.sha256Fingerprint,
    agencyCode: certificate.agencyCode,
    roles: certificate.roles,
    subject: certificate.subject,
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    status: certificate.status,
    registeredAt: certificate.registeredAt.toISOString(),
    retiredAt: certificate.retiredAt?.toISOString() ?? null,
  };
}

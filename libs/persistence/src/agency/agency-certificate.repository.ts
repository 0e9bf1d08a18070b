import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgencyCertificateEntity } from './agency-certificate.entity';
import type { AgencyStatus } from './agency.entity';
import type { CertificateRole } from './certificate-role';
import { unwrapRows } from '../database/update-returning-rows';

/** What registering a client certificate records. */
export interface CertificateRegistration {
  /** SHA-256 of the DER, hex (any case; stored lower-case). */
  sha256Fingerprint: string;
  agencyCode: string;
  roles: readonly CertificateRole[];
  subject: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

/** A registered certificate with the state of its agency: what authentication needs, in one read. */
export interface RegisteredCredential {
  certificate: AgencyCertificateEntity;
  agency: { code: string; name: string; status: AgencyStatus };
}

interface CredentialRow {
  agency_name: string;
  agency_status: AgencyStatus;
}

/** Client certificates registered in the agency directory, with the roles they grant. */
@Injectable()
export class AgencyCertificateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findCredential(fingerprint: string): Promise<RegisteredCredential | null> {
    const row = await this.dataSource
      .getRepository(AgencyCertificateEntity)
      .createQueryBuilder('certificate')
      .innerJoin('certificate.agency', 'agency')
      .addSelect(['agency.name AS agency_name', 'agency.status AS agency_status'])
      .where('certificate.sha256_fingerprint = :fingerprint', {
        fingerprint: normalizeFingerprint(fingerprint),
      })
      .getRawAndEntities<CredentialRow>();
    const certificate = row.entities[0];
    const raw = row.raw[0];
    if (!certificate || !raw) return null;
    return {
      certificate,
      agency: { code: certificate.agencyCode, name: raw.agency_name, status: raw.agency_status },
    };
  }

  async findByFingerprint(
    fingerprint: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyCertificateEntity | null> {
    return manager
      .getRepository(AgencyCertificateEntity)
      .findOneBy({ sha256Fingerprint: normalizeFingerprint(fingerprint) });
  }

  async listByAgency(
    agencyCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyCertificateEntity[]> {
    return manager
      .getRepository(AgencyCertificateEntity)
      .find({ where: { agencyCode }, order: { registeredAt: 'ASC', sha256Fingerprint: 'ASC' } });
  }

  /** Registers a certificate; null when that fingerprint is already registered (to anyone). */
  async insert(
    registration: CertificateRegistration,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyCertificateEntity | null> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO agency_certificates
         (sha256_fingerprint, agency_code, roles, subject, serial_number, not_before, not_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (sha256_fingerprint) DO NOTHING
       RETURNING sha256_fingerprint`,
      registrationParameters(registration),
    );
    if (rows.length === 0) return null;
    return this.findByFingerprint(registration.sha256Fingerprint, manager);
  }

  /** Retires an active certificate; null when it is unknown or already retired. */
  async retire(
    fingerprint: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AgencyCertificateEntity | null> {
    const rows = unwrapRows<unknown>(
      await manager.query(
        `UPDATE agency_certificates SET status = 'retired', retired_at = now()
       WHERE sha256_fingerprint = $1 AND status = 'active'
       RETURNING sha256_fingerprint`,
        [normalizeFingerprint(fingerprint)],
      ),
    );
    if (rows.length === 0) return null;
    return this.findByFingerprint(fingerprint, manager);
  }

  /**
   * Registers (or re-activates with the given roles) certificates for development and tests.
   * Idempotent: `npm start` runs it on every start.
   */
  async upsertMany(
    registrations: readonly CertificateRegistration[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    for (const registration of registrations) {
      await manager.query(
        `INSERT INTO agency_certificates
           (sha256_fingerprint, agency_code, roles, subject, serial_number, not_before, not_after)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (sha256_fingerprint) DO UPDATE SET agency_code = EXCLUDED.agency_code,
           roles = EXCLUDED.roles, subject = EXCLUDED.subject, status = 'active', retired_at = NULL`,
        registrationParameters(registration),
      );
    }
  }
}

/** Fingerprints are stored as lower-case hex without separators. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toLowerCase();
}

function registrationParameters(registration: CertificateRegistration): unknown[] {
  return [
    normalizeFingerprint(registration.sha256Fingerprint),
    registration.agencyCode,
    [...registration.roles],
    registration.subject,
    registration.serialNumber.toUpperCase(),
    registration.notBefore,
    registration.notAfter,
  ];
}

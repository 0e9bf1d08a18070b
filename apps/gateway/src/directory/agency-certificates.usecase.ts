import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgencyCertificateRepository } from '@docaxis/persistence/agency/agency-certificate.repository';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import type { CertificateRole } from '@docaxis/persistence/agency/certificate-role';
import { CredentialCache } from '../auth/credential-cache';
import { CertificateRegistrationCheck } from './certificate-registration-check';
import {
  AgencyNotFoundError,
  CertificateAlreadyRegisteredError,
  CertificateAlreadyRetiredError,
  CertificateNotFoundError,
  SelfLockoutRefusedError,
} from './directory.errors';
import { certificateView, type CertificateView } from './dtos/agency-view';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';

export interface RegisterCertificateCommand {
  agencyCode: string;
  certificatePem: string;
  roles: readonly CertificateRole[];
}

export interface RotateCertificateCommand {
  agencyCode: string;
  /** The registered certificate being replaced. */
  fingerprint: string;
  certificatePem: string;
  /** Defaults to the replaced certificate's roles. */
  roles?: readonly CertificateRole[];
}

/**
 * Client certificates of an agency in the directory: register one, rotate (register the
 * successor and retire the predecessor in one transaction), retire. A retired certificate is
 * refused at once by this gateway instance, and by the others within AUTH_CACHE_TTL_MS.
 */
@Injectable()
export class AgencyCertificatesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgencyRepository,
    private readonly certificates: AgencyCertificateRepository,
    private readonly check: CertificateRegistrationCheck,
    private readonly credentials: CredentialCache,
  ) {}

  async register(command: RegisterCertificateCommand): Promise<CertificateView> {
    await this.requireAgency(command.agencyCode);
    const registration = this.check.registrationOf(
      command.agencyCode,
      command.certificatePem,
      command.roles,
    );
    const stored = await this.certificates.insert(registration);
    if (!stored) throw new CertificateAlreadyRegisteredError(registration.sha256Fingerprint);
    this.credentials.invalidateAll();
    return certificateView(stored);
  }

  async rotate(
    command: RotateCertificateCommand,
    actor: AuthenticatedAgency,
  ): Promise<{ registered: CertificateView; retired: CertificateView }> {
    await this.requireAgency(command.agencyCode);
    const predecessor = await this.requireActive(command.agencyCode, command.fingerprint, actor);
    const registration = this.check.registrationOf(
      command.agencyCode,
      command.certificatePem,
      command.roles ?? (predecessor.roles as CertificateRole[]),
    );
    const result = await this.dataSource.transaction(async (manager) => {
      const registered = await this.certificates.insert(registration, manager);
      if (!registered) throw new CertificateAlreadyRegisteredError(registration.sha256Fingerprint);
      const retired = await this.certificates.retire(predecessor.sha256Fingerprint, manager);
      if (!retired) throw new CertificateAlreadyRetiredError(predecessor.sha256Fingerprint);
      return { registered: certificateView(registered), retired: certificateView(retired) };
    });
    this.credentials.invalidateAll();
    return result;
  }

  async retire(
    agencyCode: string,
    fingerprint: string,
    actor: AuthenticatedAgency,
  ): Promise<CertificateView> {
    await this.requireAgency(agencyCode);
    const certificate = await this.requireActive(agencyCode, fingerprint, actor);
    const retired = await this.certificates.retire(certificate.sha256Fingerprint);
    if (!retired) throw new CertificateAlreadyRetiredError(certificate.sha256Fingerprint);
    this.credentials.invalidateAll();
    return certificateView(retired);
  }

  private async requireAgency(agencyCode: string): Promise<void> {
    if (!(await this.agencies.findByCode(agencyCode))) throw new AgencyNotFoundError(agencyCode);
  }

  private async requireActive(agencyCode: string, fingerprint: string, actor: AuthenticatedAgency) {
    const certificate = /^[0-9a-fA-F:]{64,95}$/.test(fingerprint)
      ? await this.certificates.findByFingerprint(fingerprint)
      : null;
    if (!certificate || certificate.agencyCode !== agencyCode) {
      throw new CertificateNotFoundError(agencyCode, fingerprint);
    }
    if (certificate.status !== 'active') {
      throw new CertificateAlreadyRetiredError(certificate.sha256Fingerprint);
    }
    if (certificate.sha256Fingerprint === actor.certificateFingerprint) {
      throw new SelfLockoutRefusedError('certificate');
    }
    return certificate;
  }
}

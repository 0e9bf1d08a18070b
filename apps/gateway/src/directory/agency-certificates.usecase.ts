import { Injectable } from '@nestjs/common';
import { AgencyCertificateRepository } from '@docaxis/persistence/agency/agency-certificate.repository';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import type { CertificateRole } from '@docaxis/persistence/agency/certificate-role';
import { CertificateRegistrationCheck } from './certificate-registration-check';
import { DirectoryChangeRecorder } from './directory-change-recorder';
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
    private readonly agencies: AgencyRepository,
    private readonly certificates: AgencyCertificateRepository,
    private readonly check: CertificateRegistrationCheck,
    private readonly changes: DirectoryChangeRecorder,
  ) {}

  async register(
    command: RegisterCertificateCommand,
    actor: AuthenticatedAgency,
  ): Promise<CertificateView> {
    await this.requireAgency(command.agencyCode);
    const registration = this.check.registrationOf(
      command.agencyCode,
      command.certificatePem,
      command.roles,
    );
    return this.changes.record(actor, async (manager) => {
      const stored = await this.certificates.insert(registration, manager);
      if (!stored) throw new CertificateAlreadyRegisteredError(registration.sha256Fingerprint);
      return {
        result: certificateView(stored),
        recorded: {
          action: 'certificate.registered',
          agencyCode: command.agencyCode,
          fingerprint: stored.sha256Fingerprint,
          roles: stored.roles,
        },
      };
    });
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
    return this.changes.record(actor, async (manager) => {
      const registered = await this.certificates.insert(registration, manager);
      if (!registered) throw new CertificateAlreadyRegisteredError(registration.sha256Fingerprint);
      const retired = await this.certificates.retire(predecessor.sha256Fingerprint, manager);
      if (!retired) throw new CertificateAlreadyRetiredError(predecessor.sha256Fingerprint);
      return {
        result: { registered: certificateView(registered), retired: certificateView(retired) },
        recorded: {
          action: 'certificate.rotated',
          agencyCode: command.agencyCode,
          fingerprint: registered.sha256Fingerprint,
          replacedFingerprint: retired.sha256Fingerprint,
          roles: registered.roles,
        },
      };
    });
  }

  async retire(
    agencyCode: string,
    fingerprint: string,
    actor: AuthenticatedAgency,
  ): Promise<CertificateView> {
    await this.requireAgency(agencyCode);
    const certificate = await this.requireActive(agencyCode, fingerprint, actor);
    return this.changes.record(actor, async (manager) => {
      const retired = await this.certificates.retire(certificate.sha256Fingerprint, manager);
      if (!retired) throw new CertificateAlreadyRetiredError(certificate.sha256Fingerprint);
      return {
        result: certificateView(retired),
        recorded: {
          action: 'certificate.revoked',
          agencyCode,
          fingerprint: retired.sha256Fingerprint,
        },
      };
    });
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

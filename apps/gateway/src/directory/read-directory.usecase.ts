import { Injectable } from '@nestjs/common';
import { AgencyCertificateRepository } from '@docaxis/persistence/agency/agency-certificate.repository';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { AgencyNotFoundError } from './directory.errors';
import {
  agencyView,
  certificateView,
  type AgencyView,
  type CertificateView,
} from './dtos/agency-view';

/** The directory as administrators and auditors read it. */
@Injectable()
export class ReadDirectoryUseCase {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly certificates: AgencyCertificateRepository,
  ) {}

  async list(): Promise<{ agencies: AgencyView[] }> {
    return { agencies: (await this.agencies.listAll()).map(agencyView) };
  }

  async one(code: string): Promise<AgencyView & { certificates: CertificateView[] }> {
    const agency = await this.agencies.findByCode(code);
    if (!agency) throw new AgencyNotFoundError(code);
    const certificates = await this.certificates.listByAgency(code);
    return { ...agencyView(agency), certificates: certificates.map(certificateView) };
  }
}

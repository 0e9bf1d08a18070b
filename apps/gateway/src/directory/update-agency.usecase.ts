import { Injectable } from '@nestjs/common';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { CredentialCache } from '../auth/credential-cache';
import { resolveParent } from './agency-parent';
import { AgencyNotFoundError } from './directory.errors';
import { agencyView, type AgencyView } from './dtos/agency-view';

export interface UpdateAgencyCommand {
  code: string;
  name?: string;
  parentCode?: string | null;
}

/** Renames an agency or (un)links its parent; the code itself never changes. */
@Injectable()
export class UpdateAgencyUseCase {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly credentials: CredentialCache,
  ) {}

  async execute(command: UpdateAgencyCommand): Promise<AgencyView> {
    if (!(await this.agencies.findByCode(command.code))) {
      throw new AgencyNotFoundError(command.code);
    }
    const parentCode =
      command.parentCode === undefined
        ? undefined
        : await resolveParent(command.code, command.parentCode, this.agencies);
    const updated = await this.agencies.update(command.code, { name: command.name, parentCode });
    if (!updated) throw new AgencyNotFoundError(command.code);
    // The agency name is part of what authentication caches.
    this.credentials.invalidateAll();
    return agencyView(updated);
  }
}

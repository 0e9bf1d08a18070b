import { Injectable } from '@nestjs/common';
import { normalizeAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { resolveParent } from './agency-parent';
import { AgencyAlreadyRegisteredError } from './directory.errors';
import { agencyView, type AgencyView } from './dtos/agency-view';

export interface RegisterAgencyCommand {
  code: string;
  name: string;
  parentCode?: string | null;
}

/** Adds an agency to the directory, active, under its hierarchical parent. */
@Injectable()
export class RegisterAgencyUseCase {
  constructor(private readonly agencies: AgencyRepository) {}

  async execute(command: RegisterAgencyCommand): Promise<AgencyView> {
    const code = normalizeAgencyCode(command.code);
    const parentCode = await resolveParent(code, command.parentCode, this.agencies);
    const created = await this.agencies.insert({ code, name: command.name, parentCode });
    if (!created) throw new AgencyAlreadyRegisteredError(code);
    return agencyView(created);
  }
}

import { Injectable } from '@nestjs/common';
import { normalizeAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { resolveParent } from './agency-parent';
import { DirectoryChangeRecorder } from './directory-change-recorder';
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
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly changes: DirectoryChangeRecorder,
  ) {}

  async execute(command: RegisterAgencyCommand, actor: AuthenticatedAgency): Promise<AgencyView> {
    const code = normalizeAgencyCode(command.code);
    const parentCode = await resolveParent(code, command.parentCode, this.agencies);
    return this.changes.record(actor, async (manager) => {
      const created = await this.agencies.insert({ code, name: command.name, parentCode }, manager);
      if (!created) throw new AgencyAlreadyRegisteredError(code);
      return {
        result: agencyView(created),
        recorded: { action: 'agency.registered', agencyCode: code },
      };
    });
  }
}

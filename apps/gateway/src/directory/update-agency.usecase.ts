import { Injectable } from '@nestjs/common';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { resolveParent } from './agency-parent';
import { DirectoryChangeRecorder } from './directory-change-recorder';
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
    private readonly changes: DirectoryChangeRecorder,
  ) {}

  async execute(command: UpdateAgencyCommand, actor: AuthenticatedAgency): Promise<AgencyView> {
    if (!(await this.agencies.findByCode(command.code))) {
      throw new AgencyNotFoundError(command.code);
    }
    const parentCode =
      command.parentCode === undefined
        ? undefined
        : await resolveParent(command.code, command.parentCode, this.agencies);
    return this.changes.record(actor, async (manager) => {
      const updated = await this.agencies.update(
        command.code,
        { name: command.name, parentCode },
        manager,
      );
      if (!updated) throw new AgencyNotFoundError(command.code);
      return {
        result: agencyView(updated),
        recorded: { action: 'agency.updated', agencyCode: command.code },
      };
    });
  }
}

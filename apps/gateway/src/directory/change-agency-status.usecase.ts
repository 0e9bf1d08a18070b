import { Injectable } from '@nestjs/common';
import type { AgencyStatus } from '@docaxis/persistence/agency/agency.entity';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { DirectoryChangeRecorder } from './directory-change-recorder';
import { AgencyNotFoundError, SelfLockoutRefusedError } from './directory.errors';
import { agencyView, type AgencyView } from './dtos/agency-view';

/**
 * Suspends or reactivates an agency. A suspended agency can neither send nor fetch (the gateway
 * refuses its certificates with AGENCY_SUSPENDED) and cannot be named as a recipient; what was
 * already accepted for it stays in its inbox, untouched, until it is reactivated.
 * Idempotent: suspending a suspended agency answers its current state.
 */
@Injectable()
export class ChangeAgencyStatusUseCase {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly changes: DirectoryChangeRecorder,
  ) {}

  async execute(
    code: string,
    status: AgencyStatus,
    actor: AuthenticatedAgency,
  ): Promise<AgencyView> {
    if (status === 'suspended' && code === actor.agencyCode) {
      throw new SelfLockoutRefusedError('agency');
    }
    return this.changes.record(actor, async (manager) => {
      const updated = await this.agencies.setStatus(code, status, manager);
      if (!updated) throw new AgencyNotFoundError(code);
      return {
        result: agencyView(updated),
        recorded: {
          action: status === 'suspended' ? 'agency.suspended' : 'agency.reactivated',
          agencyCode: code,
        },
      };
    });
  }
}

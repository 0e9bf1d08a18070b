import type { AuthenticatedAgency } from '../../apps/gateway/src/auth/authenticated-agency';
import { CallerRole } from '../../apps/gateway/src/auth/caller-role';

/** An agency system as the gateway authenticates it, for use-case specs without TLS. */
export function agencyCaller(agencyCode: string): AuthenticatedAgency {
  return {
    agencyCode,
    agencyName: agencyCode,
    certificateSubject: `CN=${agencyCode}`,
    certificateFingerprint: '0'.repeat(64),
    roles: [CallerRole.AgencySystem],
  };
}

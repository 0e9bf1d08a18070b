import type { CallerRole } from './caller-role';

/** Who is calling: established from the client certificate, never from the request body. */
export interface AuthenticatedAgency {
  agencyCode: string;
  agencyName: string;
  /** Certificate subject, recorded as the actor in the audit trail. */
  certificateSubject: string;
  certificateFingerprint: string;
  /** Granted to this certificate; checked against the route's `@RequireRoles`. */
  roles: readonly CallerRole[];
}

import { SetMetadata } from '@nestjs/common';
import { CallerRole } from './caller-role';

export const REQUIRED_ROLES_METADATA = 'docaxis:required-roles';

/** Routes (or controllers) admit callers holding any one of these roles. */
export const RequireRoles = (...roles: [CallerRole, ...CallerRole[]]) =>
  SetMetadata(REQUIRED_ROLES_METADATA, roles);

/** What a route admits when it says nothing: the agency systems that exchange dispatches. */
export const DEFAULT_REQUIRED_ROLES: readonly CallerRole[] = [CallerRole.AgencySystem];

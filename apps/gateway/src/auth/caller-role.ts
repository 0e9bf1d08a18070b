/**
 * What a caller may do on the axis. A certificate carries one or more roles; routes name the
 * roles they admit with `@RequireRoles`. Routes without it admit agency systems only.
 */
export enum CallerRole {
  /** Hệ thống quản lý văn bản của cơ quan: sends, fetches, posts status notices. */
  AgencySystem = 'agency-system',
  /** Văn thư: verifies signatures and works the agency's inbox from the console. */
  Clerk = 'clerk',
  /** Kiểm toán viên: reads, verifies and exports the audit trail. */
  Auditor = 'auditor',
  /** Quản trị trục: manages the agency directory and parked messages. */
  Admin = 'admin',
}

const CALLER_ROLES: readonly string[] = Object.values(CallerRole);

/** The roles a registration grants, ignoring any value this gateway does not know. */
export function callerRolesOf(stored: readonly string[]): CallerRole[] {
  return stored.filter((role): role is CallerRole => CALLER_ROLES.includes(role));
}

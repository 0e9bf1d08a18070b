/**
 * Why GET /audit/verify reported its problem, as data (`message` is its English): the console
 * words it in the page's language. `detail` is a check's own reason, English only. The audit
 * trail's own type, imported as a type only: the console and the API cannot drift.
 */
export type { AuditTrailExplanation as AuditProblemExplanation } from '../../../../libs/audit-trail/src/verification/audit-trail-explanation';

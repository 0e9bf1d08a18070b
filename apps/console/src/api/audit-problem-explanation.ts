// The audit trail's own explanation types, imported as types only: the console and the API
// cannot drift.
import type { AuditChainExplanation } from '../../../../libs/audit-trail/src/chain/audit-chain-explanation';
import type { CheckpointProblemExplanation } from '../../../../libs/audit-trail/src/verification/checkpoint-problem-explanation';

/**
 * Why GET /audit/verify reported its problem, as data (`message` is its English): the console
 * words it in the page's language. `detail` is a check's own reason, English only.
 */
export type AuditProblemExplanation = AuditChainExplanation | CheckpointProblemExplanation;

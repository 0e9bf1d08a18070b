import type { AuditChainExplanation } from '../chain/audit-chain-explanation';
import type { CheckpointProblemExplanation } from './checkpoint-problem-explanation';

/**
 * Why the trail verification reported its problem, as data (`message` is its English). Types
 * only, in a file of its own, so the web console imports it as it is (apps/console).
 */
export type AuditTrailExplanation = AuditChainExplanation | CheckpointProblemExplanation;

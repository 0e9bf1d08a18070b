import type { CheckpointTimestamp } from './verification-scope';

/**
 * The checkpoint a verification leaned on: the latest valid one in range. Types only, in a file
 * of its own, so the web console imports it as it is (the verifier imports the database's types).
 */
export interface CheckpointUsed {
  headSeq: number;
  headHash: string;
  createdAt: string;
  signerSubject: string;
  timestamped: boolean;
  /** Its RFC 3161 token as verified (null without one); `tsaChain` says whether the TSA was judged. */
  timestamp: CheckpointTimestamp | null;
}

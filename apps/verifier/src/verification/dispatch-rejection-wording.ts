import type { DispatchRejectionCode } from './dispatch-rejection';

/** What the words of a rejection name: the file, the sender and, when one is at fault, the signature. */
export interface RejectionFacts {
  readonly fileName: string;
  /** The sending agency's code (mã định danh). */
  readonly senderCode: string;
  /** The signature at fault, when the reason is one signature's. */
  readonly signature?: RejectedSignature;
  /** SIGNER_NOT_SENDER: the agency whose seal the file carries instead of the sender's. */
  readonly signerAgencyCode?: string;
}

export interface RejectedSignature {
  /** 1-based, in signing order. */
  readonly position: number;
  /** Who signed: the certificate's common name, else its subject. */
  readonly signer: string;
  readonly digestAlgorithm: string;
  /** The ETSI sub-indication, named when no code of the axis says more. */
  readonly subIndication?: string;
}

/**
 * The words of every rejection code in one language: the sentence the sender's clerk reads on
 * the dispatch (GET /dispatches/:id → rejection.message) and in the `dispatch.rejected` event.
 * Every code has its wording, so a new code cannot travel without words in both languages.
 */
export type DispatchRejectionWording = Readonly<
  Record<DispatchRejectionCode, (facts: RejectionFacts) => string>
>;

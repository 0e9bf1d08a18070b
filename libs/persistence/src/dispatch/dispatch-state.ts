/**
 * The axis' own transport states of a dispatch, kept apart from the agencies' status notices.
 * accepted → verified → routed, or accepted → rejected (signature or rule failure).
 */
export type DispatchState = 'accepted' | 'verified' | 'rejected' | 'routed';

/**
 * Per-recipient delivery state: pending (accepted, not yet routed) → queued (on the recipient's
 * queue) → delivered (in the recipient's inbox) → fetched (a file was downloaded) → acknowledged.
 */
export type RecipientState = 'pending' | 'queued' | 'delivered' | 'fetched' | 'acknowledged';

/** Business type of the edXML TraceHeaderList (BussinessDocType). */
export enum BusinessDocType {
  New = 0,
  Recall = 1,
  Update = 2,
  Replace = 3,
}

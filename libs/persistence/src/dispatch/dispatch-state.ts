/**
 * The axis' own transport states of a dispatch, kept apart from the agencies' status notices.
 * accepted → verified → routed, or accepted → rejected (signature or rule failure).
 */
export type DispatchState = 'accepted' | 'verified' | 'rejected' | 'routed';

/**
 * Per-recipient delivery state: pending (accepted, not yet routed) → queued (on the recipient's
 * queue) → delivered (in the recipient's inbox) → fetched (a file was downloaded) → acknowledged.
 * A recall before the recipient fetched it withdraws it: pending, queued or delivered → recalled.
 */
export type RecipientState =
  'pending' | 'queued' | 'delivered' | 'fetched' | 'acknowledged' | 'recalled';

/**
 * A recall reaching a recipient that had already fetched the dispatch: requested (status 13 sent
 * to it), then accepted (15) or refused (16) by the recipient.
 */
export type RecallAnswerState = 'requested' | 'accepted' | 'refused';

/** Business type of the edXML TraceHeaderList (BussinessDocType). */
export enum BusinessDocType {
  New = 0,
  Recall = 1,
  Update = 2,
  Replace = 3,
}

/**
 * The axis' own transport states of a dispatch, kept apart from the agencies' status notices.
 * accepted → verified → routed, or accepted → rejected (signature or rule failure), or
 * verified → withdrawn: the sender recalled it before the router fanned it out, so every
 * recipient's copy was withdrawn (`recalled`) while still pending and it reached nobody. A
 * dispatch recalled after routing stays `routed`; its recall is told by `recalledAt` and its
 * recipients' states.
 */
export type DispatchState = 'accepted' | 'verified' | 'rejected' | 'routed' | 'withdrawn';

/**
 * Per-recipient delivery state: pending (accepted, not yet routed) → queued (on the recipient's
 * queue) → delivered (in the recipient's inbox) → fetched (a file was downloaded) → acknowledged.
 * A recall before the recipient fetched it or reported a status on it withdraws it: pending, queued
 * or delivered → recalled.
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

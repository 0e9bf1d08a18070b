import type { EdxmlStatusCode } from '@docaxis/edxml/packet/edxml-status-codes';
import type { RecallAnswerState } from '@docaxis/persistence/dispatch/dispatch-state';

/** Processing statuses a recipient reports (QĐ 28/2018): 01 arrived … 06 done, 02 refused. */
export type ProcessingStatusCode = '01' | '02' | '03' | '04' | '05' | '06';

/** Where one recipient's copy of a dispatch stands, as far as status notices are concerned. */
export interface RecipientStatusState {
  /** Last processing status, null before the first notice. */
  readonly statusCode: ProcessingStatusCode | null;
  /** Where a recall stands for this recipient, null when none was requested. */
  readonly recallState: RecallAnswerState | null;
}

/**
 * The forward moves of processing statuses, in one table so the rule is easy to check against
 * the official text and to change: 01 → 03 → 04 → 05 → 06, or 01 → 02. `null` is "nothing yet".
 * 02 (refused) and 06 (done) are final.
 */
export const PROCESSING_TRANSITIONS: Readonly<
  Record<ProcessingStatusCode | 'none', readonly ProcessingStatusCode[]>
> = {
  none: ['01'],
  '01': ['02', '03'],
  '02': [],
  '03': ['04'],
  '04': ['05'],
  '05': ['06'],
  '06': [],
};

/** Why a recipient's notice is refused; each maps to one typed error with a stable code. */
export type StatusRefusal =
  /** Status 13 (recall) is the sender's, sent through POST /dispatches/:id/recall. */
  | { readonly kind: 'reserved-for-sender' }
  /** 15/16 answer a recall request; there is none pending for this recipient. */
  | { readonly kind: 'recall-not-requested'; readonly recallState: RecallAnswerState | null }
  /** The recipient agreed to the recall: the document is cancelled, nothing more to report. */
  | { readonly kind: 'recalled' }
  /** Not a forward move from the current status (done before received, back from done, …). */
  | {
      readonly kind: 'transition-invalid';
      readonly from: ProcessingStatusCode | null;
      readonly allowed: readonly ProcessingStatusCode[];
    };

export type StatusDecision =
  | { readonly ok: true; readonly next: RecipientStatusState }
  | { readonly ok: false; readonly refusal: StatusRefusal };

/** Decides whether a recipient may send `code` now, and what its state becomes if so. */
export function decideRecipientStatus(
  state: RecipientStatusState,
  code: EdxmlStatusCode,
): StatusDecision {
  switch (code) {
    case '13':
      return refuse({ kind: 'reserved-for-sender' });
    case '15':
    case '16':
      if (state.recallState !== 'requested') {
        return refuse({ kind: 'recall-not-requested', recallState: state.recallState });
      }
      return accept({ ...state, recallState: code === '15' ? 'accepted' : 'refused' });
    case '01':
    case '02':
    case '03':
    case '04':
    case '05':
    case '06': {
      if (state.recallState === 'accepted') return refuse({ kind: 'recalled' });
      const allowed = PROCESSING_TRANSITIONS[state.statusCode ?? 'none'];
      if (!allowed.includes(code)) {
        return refuse({ kind: 'transition-invalid', from: state.statusCode, allowed });
      }
      return accept({ ...state, statusCode: code });
    }
  }
}

/** One move the status machine allows, from a state to the state it becomes. */
export interface RecipientStatusMove {
  readonly from: RecipientStatusState;
  readonly to: RecipientStatusState;
}

const PROCESSING_CODES = Object.keys(PROCESSING_TRANSITIONS).filter(
  (key): key is ProcessingStatusCode => key !== 'none',
);
const RECALL_STATES: readonly (RecallAnswerState | null)[] = [
  null,
  'requested',
  'accepted',
  'refused',
];

/**
 * Every move `code` allows, from each state a recipient may be in: `decideRecipientStatus` asked
 * of all of them, so a statement can apply the rule to the state it finds (locked) without the
 * rule being written a second time in SQL.
 */
export function movesOf(code: EdxmlStatusCode): RecipientStatusMove[] {
  const moves: RecipientStatusMove[] = [];
  for (const statusCode of [null, ...PROCESSING_CODES]) {
    for (const recallState of RECALL_STATES) {
      const from = { statusCode, recallState };
      const decision = decideRecipientStatus(from, code);
      if (decision.ok) moves.push({ from, to: decision.next });
    }
  }
  return moves;
}

function accept(next: RecipientStatusState): StatusDecision {
  return { ok: true, next };
}

function refuse(refusal: StatusRefusal): StatusDecision {
  return { ok: false, refusal };
}

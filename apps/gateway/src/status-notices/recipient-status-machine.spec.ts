import type { EdxmlStatusCode } from '@docaxis/edxml/packet/edxml-status-codes';
import type { RecallAnswerState } from '@docaxis/persistence/dispatch/dispatch-state';
import {
  decideRecipientStatus,
  movesOf,
  PROCESSING_TRANSITIONS,
  type ProcessingStatusCode,
  type RecipientStatusState,
} from './recipient-status-machine';

const PROCESSING: readonly ProcessingStatusCode[] = ['01', '02', '03', '04', '05', '06'];
const FROM: readonly (ProcessingStatusCode | null)[] = [null, ...PROCESSING];

/** The rule of the domain reference, written out pair by pair (from → allowed next). */
const ALLOWED = new Set(['null→01', '01→02', '01→03', '03→04', '04→05', '05→06']);

const state = (
  statusCode: ProcessingStatusCode | null,
  recallState: RecallAnswerState | null = null,
): RecipientStatusState => ({ statusCode, recallState });

describe('recipient status machine', () => {
  const pairs = FROM.flatMap((from) => PROCESSING.map((to) => [from, to] as const));

  it.each(pairs)(
    'processing %s → %s is allowed exactly when the domain rule says so',
    (from, to) => {
      const decision = decideRecipientStatus(state(from), to);
      if (ALLOWED.has(`${from}→${to}`)) {
        expect(decision).toEqual({ ok: true, next: state(to) });
      } else {
        expect(decision).toEqual({
          ok: false,
          refusal: {
            kind: 'transition-invalid',
            from,
            allowed: PROCESSING_TRANSITIONS[from ?? 'none'],
          },
        });
      }
    },
  );

  it('refuses "done" before "received" and anything after a final status', () => {
    expect(decideRecipientStatus(state(null), '06').ok).toBe(false);
    expect(decideRecipientStatus(state('01'), '06').ok).toBe(false);
    for (const code of PROCESSING) {
      expect(decideRecipientStatus(state('02'), code).ok).toBe(false);
      expect(decideRecipientStatus(state('06'), code).ok).toBe(false);
    }
  });

  it('keeps status 13 for the sender', () => {
    for (const from of FROM) {
      expect(decideRecipientStatus(state(from), '13')).toEqual({
        ok: false,
        refusal: { kind: 'reserved-for-sender' },
      });
    }
  });

  it.each<[EdxmlStatusCode, RecallAnswerState]>([
    ['15', 'accepted'],
    ['16', 'refused'],
  ])(
    'answers a pending recall request with %s (recall %s), keeping the processing status',
    (code, answer) => {
      for (const from of FROM) {
        expect(decideRecipientStatus(state(from, 'requested'), code)).toEqual({
          ok: true,
          next: state(from, answer),
        });
      }
    },
  );

  it.each<[EdxmlStatusCode, RecallAnswerState | null]>([
    ['15', null],
    ['16', null],
    ['15', 'accepted'],
    ['16', 'accepted'],
    ['15', 'refused'],
    ['16', 'refused'],
  ])('refuses %s when the recall stands at %s (no request pending)', (code, recallState) => {
    expect(decideRecipientStatus(state('03', recallState), code)).toEqual({
      ok: false,
      refusal: { kind: 'recall-not-requested', recallState },
    });
  });

  it('stops processing statuses once the recipient agreed to a recall', () => {
    for (const code of PROCESSING) {
      expect(decideRecipientStatus(state('03', 'accepted'), code)).toEqual({
        ok: false,
        refusal: { kind: 'recalled' },
      });
    }
  });

  it('lets processing go on while a recall is pending or after it was refused', () => {
    expect(decideRecipientStatus(state('03', 'requested'), '04')).toEqual({
      ok: true,
      next: state('04', 'requested'),
    });
    expect(decideRecipientStatus(state('05', 'refused'), '06')).toEqual({
      ok: true,
      next: state('06', 'refused'),
    });
  });
});

describe('movesOf', () => {
  const codes: readonly EdxmlStatusCode[] = ['01', '02', '03', '04', '05', '06', '13', '15', '16'];
  const recalls: readonly (RecallAnswerState | null)[] = [null, 'requested', 'accepted', 'refused'];

  it.each(codes)('lists for %s exactly the states decideRecipientStatus accepts it in', (code) => {
    const expected = FROM.flatMap((statusCode) =>
      recalls.flatMap((recallState) => {
        const decision = decideRecipientStatus(state(statusCode, recallState), code);
        return decision.ok ? [{ from: state(statusCode, recallState), to: decision.next }] : [];
      }),
    );
    expect(movesOf(code)).toEqual(expected);
  });

  it('lets 03 follow 01 only, and 13 nowhere', () => {
    expect(movesOf('03').map((move) => move.from.statusCode)).toEqual(['01', '01', '01']);
    expect(movesOf('13')).toEqual([]);
  });
});

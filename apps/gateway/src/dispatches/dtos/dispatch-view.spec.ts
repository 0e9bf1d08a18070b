import type { DispatchEntity } from '@docaxis/persistence/dispatch/dispatch.entity';
import { toDispatchView } from './dispatch-view';

const ENGLISH = '"a.pdf" carries no digital signature.';
const VIETNAMESE = 'Tệp "a.pdf" không có chữ ký số.';

/** A rejected dispatch as the view repository reads it, with these reasons. */
function rejected(rejectionMessageVi: string | null): DispatchEntity {
  return {
    id: '0190f3a0-0000-7000-8000-000000000001',
    documentId: '000.00.00.G22,2026/11/24,1/VPCP-KSTT',
    senderCode: '000.00.00.G22',
    state: 'rejected',
    rejectionCode: 'PDF_UNSIGNED',
    rejectionMessage: ENGLISH,
    rejectionMessageVi,
    envelope: {},
    createdAt: new Date('2026-11-24T08:00:00.000Z'),
    verifiedAt: new Date('2026-11-24T08:00:01.000Z'),
    envelopeSignature: null,
    recalledAt: null,
    recallReason: null,
    replacesDispatchId: null,
    files: [],
  } as unknown as DispatchEntity;
}

const links = { replaces: null, replacedBy: [] };
const rejectionIn = (dispatch: DispatchEntity, language: 'vi' | 'en') =>
  toDispatchView(dispatch, [], [], links, language).rejection;

describe('toDispatchView rejection', () => {
  it('gives the reason in the language asked for', () => {
    expect(rejectionIn(rejected(VIETNAMESE), 'vi')).toEqual({
      code: 'PDF_UNSIGNED',
      message: VIETNAMESE,
    });
    expect(rejectionIn(rejected(VIETNAMESE), 'en')).toEqual({
      code: 'PDF_UNSIGNED',
      message: ENGLISH,
    });
  });

  it('falls back to the English reason for a dispatch rejected before the Vietnamese one was kept', () => {
    expect(rejectionIn(rejected(null), 'vi')).toEqual({ code: 'PDF_UNSIGNED', message: ENGLISH });
    expect(rejectionIn(rejected(null), 'en')).toEqual({ code: 'PDF_UNSIGNED', message: ENGLISH });
  });

  it('has no rejection for a dispatch that was not rejected', () => {
    const verified = {
      ...rejected(null),
      state: 'routed',
      rejectionCode: null,
      rejectionMessage: null,
    } as DispatchEntity;
    expect(rejectionIn(verified, 'vi')).toBeNull();
  });
});

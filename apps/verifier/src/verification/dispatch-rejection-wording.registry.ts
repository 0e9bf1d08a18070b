import type { DispatchRejection, DispatchRejectionCode } from './dispatch-rejection';
import type { DispatchRejectionWording, RejectionFacts } from './dispatch-rejection-wording';
import { DISPATCH_REJECTION_WORDING_EN } from './dispatch-rejection-wording.en';
import { DISPATCH_REJECTION_WORDING_VI } from './dispatch-rejection-wording.vi';

export const DISPATCH_REJECTION_WORDING: Readonly<Record<'vi' | 'en', DispatchRejectionWording>> = {
  vi: DISPATCH_REJECTION_WORDING_VI,
  en: DISPATCH_REJECTION_WORDING_EN,
};

/** A rejection with its words in both languages, from the same facts. */
export function rejectionOf(code: DispatchRejectionCode, facts: RejectionFacts): DispatchRejection {
  return {
    code,
    message: DISPATCH_REJECTION_WORDING.en[code](facts),
    messageVi: DISPATCH_REJECTION_WORDING.vi[code](facts),
  };
}

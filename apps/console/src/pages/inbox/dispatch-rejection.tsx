import type { DispatchView } from '../../api/dispatches';
import { useI18n } from '../../i18n/i18n-context';

/**
 * Why the axis refused a dispatch, for its sender: without it a rejected dispatch read as one
 * waiting to be delivered ("pending" for every recipient).
 */
export function DispatchRejection({ view }: { view: Pick<DispatchView, 'state' | 'rejection'> }) {
  const { t } = useI18n();
  if (view.state !== 'rejected' || !view.rejection) return null;
  return (
    <p className="notice notice-error" data-testid="rejection">
      {t.dispatch.rejected(view.rejection.code, view.rejection.message)}
    </p>
  );
}

/** A sender may recall what it sent, once; a dispatch the verifier rejected reached nobody. */
export function canRecall(
  view: Pick<DispatchView, 'senderCode' | 'recall' | 'state'>,
  agencyCode: string,
): boolean {
  return view.senderCode === agencyCode && !view.recall && view.state !== 'rejected';
}

import { useState } from 'react';
import { describeError } from '../api/api-client';
import { useI18n } from '../i18n/i18n-context';

/** Runs one user action at a time, keeping its busy flag and its failure for the page to show. */
export function useAction(): {
  busy: boolean;
  error: string | undefined;
  /** Resolves true when the action succeeded. */
  run: (action: () => Promise<void>) => Promise<boolean>;
} {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(describeError(caught, t.errors.network));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

import { useI18n } from '../../i18n/i18n-context';

/** Khẩn and above stand out: a clerk handles them at once (NĐ 30/2020). */
export function UrgencyBadge({ urgency }: { urgency: string | undefined }) {
  const { t } = useI18n();
  const value = urgency ?? 'normal';
  return (
    <span className={`urgency urgency-${value}`} data-urgency={value}>
      {t.inbox.urgency[value] ?? value}
    </span>
  );
}

export function OverdueMark() {
  const { t } = useI18n();
  return (
    <strong className="overdue">
      <span aria-hidden="true">⚠ </span>
      {t.inbox.overdue}
    </strong>
  );
}

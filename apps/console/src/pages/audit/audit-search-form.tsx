import { type FormEvent, useId, useState } from 'react';
import type { AuditFilter } from '../../api/audit';
import { useI18n } from '../../i18n/i18n-context';
import { STATUS_CODES } from '../../i18n/status-code-names';
import { AUDIT_EVENT_TYPES } from '../../../../../libs/audit-trail/src/wording/audit-event-type-names';

export interface SearchFields {
  agency: string;
  dispatchId: string;
  number: string;
  notation: string;
  /** A certificate subject or an app's name, exactly as recorded. */
  actor: string;
  type: string;
  status: string;
  /** `dd/MM/yyyy` as typed, a day in Vietnam time. */
  fromDate: string;
  toDate: string;
}

export const EMPTY_SEARCH: SearchFields = {
  agency: '',
  dispatchId: '',
  number: '',
  notation: '',
  actor: '',
  type: '',
  status: '',
  fromDate: '',
  toDate: '',
};

/** `dd/MM/yyyy` (the Vietnamese way of writing a date) → `yyyy-MM-dd`, or undefined. */
export function parseVietnameseDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Vietnam is UTC+7 all year (no daylight saving), so a calendar day maps to fixed instants. */
const startOfDay = (date: string) => `${date}T00:00:00+07:00`;
const endOfDay = (date: string) => `${date}T23:59:59.999+07:00`;
const day = (text: string) => parseVietnameseDate(text);

export function filterOf(fields: SearchFields): AuditFilter {
  const trimmed = (value: string) => value.trim() || undefined;
  return {
    agency: trimmed(fields.agency),
    dispatchId: trimmed(fields.dispatchId),
    number: trimmed(fields.number),
    notation: trimmed(fields.notation),
    actor: trimmed(fields.actor),
    type: fields.type || undefined,
    status: fields.status || undefined,
    from: day(fields.fromDate) ? startOfDay(day(fields.fromDate)!) : undefined,
    to: day(fields.toDate) ? endOfDay(day(fields.toDate)!) : undefined,
  };
}

export function AuditSearchForm({
  busy,
  onSearch,
}: {
  busy: boolean;
  onSearch: (fields: SearchFields) => void;
}) {
  const { t } = useI18n();
  const s = t.audit.search;
  const id = useId();
  const [fields, setFields] = useState<SearchFields>(EMPTY_SEARCH);
  const set = (key: keyof SearchFields) => (value: string) =>
    setFields((current) => ({ ...current, [key]: value }));
  const badDate = (text: string) => text.trim() !== '' && !parseVietnameseDate(text);
  const invalid = badDate(fields.fromDate) || badDate(fields.toDate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalid) onSearch(fields);
  };
  const dateProps = (bad: boolean): Record<string, string> => ({
    placeholder: 'dd/mm/yyyy',
    inputMode: 'numeric',
    autoComplete: 'off',
    'aria-invalid': String(bad),
    ...(bad ? { 'aria-describedby': `${id}-date-error` } : {}),
  });
  const text = (key: keyof SearchFields, label: string, extra: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        name={key}
        value={fields[key]}
        onChange={(event) => set(key)(event.target.value)}
        {...extra}
      />
    </div>
  );
  return (
    <form onSubmit={submit} className="search-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.title}</h2>
      <div className="fields">
        {text('agency', s.agency, { placeholder: '000.00.00.G22', autoComplete: 'off' })}
        {text('dispatchId', s.dispatchId, { autoComplete: 'off' })}
        {text('number', s.number, { inputMode: 'numeric' })}
        {text('notation', s.notation)}
        {text('actor', s.actor, { placeholder: 'CN=…', autoComplete: 'off' })}
        <div className="field">
          <label htmlFor={`${id}-type`}>{s.type}</label>
          <select
            id={`${id}-type`}
            value={fields.type}
            onChange={(event) => set('type')(event.target.value)}
          >
            <option value="">{s.anyType}</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t.audit.eventType[type] ?? type}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{s.status}</label>
          <select
            id={`${id}-status`}
            value={fields.status}
            onChange={(event) => set('status')(event.target.value)}
          >
            <option value="">{s.anyStatus}</option>
            {STATUS_CODES.map((code) => (
              <option key={code} value={code}>
                {code} — {t.statusCode[code]}
              </option>
            ))}
          </select>
        </div>
        {text('fromDate', s.from, dateProps(badDate(fields.fromDate)))}
        {text('toDate', s.to, dateProps(badDate(fields.toDate)))}
      </div>
      {invalid && (
        <p role="alert" id={`${id}-date-error`} className="warning">
          {s.dateFormat}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? s.searching : s.submit}
        </button>
        <button
          type="button"
          onClick={() => {
            setFields(EMPTY_SEARCH);
            onSearch(EMPTY_SEARCH);
          }}
        >
          {s.reset}
        </button>
      </div>
    </form>
  );
}

/** Vietnam time: what a clerk reads on a dispatch is in the sender's and recipient's zone. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value]));
}

/**
 * `dd/MM/yyyy HH:mm:ss` in Vietnam time, in both languages: the Vietnamese date format is the one
 * on the documents themselves (NĐ 30/2020), so the English console shows it too.
 */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** `dd/MM/yyyy` for a calendar date (`yyyy-MM-dd` or `yyyy/MM/dd`, as envelopes carry them). */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(value);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

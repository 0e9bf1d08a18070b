import { useEffect, useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import { describeError } from '../../api/api-client';
import {
  type AgencyDeliveryStatistics,
  type AuditEvent,
  type AuditFilter,
  deliveryStatistics,
  searchEvents,
} from '../../api/audit';
import { formatDate } from '../../i18n/date-format';
import { useI18n } from '../../i18n/i18n-context';
import './chart-setup';
import { ErrorAlert } from '../../shell/error-alert';

/** Events read to draw the per-day chart; beyond this the chart says it is partial. */
const PER_DAY_EVENT_CAP = 2000;

interface DayCounts {
  day: string;
  sent: number;
  delivered: number;
}

const vietnamDay = (iso: string) =>
  new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** Counts submissions and deliveries per Vietnam calendar day from the audit events. */
async function perDay(filter: AuditFilter): Promise<DayCounts[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchEvents(
      {
        from: filter.from,
        to: filter.to,
        agency: filter.agency,
        type: 'dispatch.submitted,dispatch.delivered',
      },
      cursor,
      500,
    );
    events.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && events.length < PER_DAY_EVENT_CAP);
  const days = new Map<string, DayCounts>();
  for (const event of events) {
    const day = vietnamDay(event.occurredAt);
    const counts = days.get(day) ?? { day, sent: 0, delivered: 0 };
    if (event.eventType === 'dispatch.submitted') counts.sent += 1;
    else counts.delivered += 1;
    days.set(day, counts);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Per-agency delivery figures as a table, with the two charts drawn from the same numbers. */
export function DeliveryStatistics({ filter }: { filter: AuditFilter }) {
  const { t } = useI18n();
  const s = t.audit.stats;
  const [agencies, setAgencies] = useState<AgencyDeliveryStatistics[]>();
  const [days, setDays] = useState<DayCounts[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const fail = (caught: unknown) => setError(describeError(caught));
    deliveryStatistics({ from: filter.from, to: filter.to, agency: filter.agency }).then(
      (body) => setAgencies(body.agencies),
      fail,
    );
    perDay(filter).then(setDays, fail);
  }, [filter]);

  const seconds = (value: number | null) => (value === null ? '—' : s.seconds(value));
  return (
    <section aria-labelledby="stats-title" className="panel" data-testid="statistics">
      <h2 id="stats-title">{s.title}</h2>
      <ErrorAlert error={error} />
      <div className="charts">
        {days && (
          <figure>
            <figcaption>{s.perDayTitle}</figcaption>
            <Line
              role="img"
              aria-label={s.perDayTitle}
              data={{
                labels: days.map((d) => formatDate(d.day)),
                datasets: [
                  {
                    label: s.perDaySent,
                    data: days.map((d) => d.sent),
                    borderColor: '#0b4f9c',
                    backgroundColor: '#0b4f9c',
                  },
                  {
                    label: s.perDayDelivered,
                    data: days.map((d) => d.delivered),
                    borderColor: '#14532d',
                    backgroundColor: '#14532d',
                    borderDash: [6, 3],
                  },
                ],
              }}
              options={{ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
            />
          </figure>
        )}
        {agencies && agencies.length > 0 && (
          <figure>
            <figcaption>{s.toFetchTitle}</figcaption>
            <Bar
              role="img"
              aria-label={s.toFetchTitle}
              data={{
                labels: agencies.map((a) => a.agencyCode),
                datasets: [
                  {
                    label: s.toFetch,
                    data: agencies.map((a) => a.avgSecondsToFetch ?? 0),
                    backgroundColor: '#8a1c1c',
                  },
                ],
              }}
              options={{ scales: { y: { beginAtZero: true } } }}
            />
          </figure>
        )}
      </div>
      {agencies && agencies.length === 0 && <p>{s.none}</p>}
      {agencies && agencies.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{s.agency}</th>
                <th scope="col">{s.sent}</th>
                <th scope="col">{s.delivered}</th>
                <th scope="col">{s.received}</th>
                <th scope="col">{s.fetched}</th>
                <th scope="col">{s.toFetch}</th>
                <th scope="col">{s.toStatus}</th>
                <th scope="col">{s.overdue}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a) => (
                <tr key={a.agencyCode}>
                  <th scope="row">
                    <code>{a.agencyCode}</code>
                  </th>
                  <td>{a.sent}</td>
                  <td>
                    {a.delivered}/{a.deliveriesRequested}
                  </td>
                  <td>{a.received}</td>
                  <td>{a.fetched}</td>
                  <td>{seconds(a.avgSecondsToFetch)}</td>
                  <td>{seconds(a.avgSecondsToFirstStatus)}</td>
                  <td className={a.overdue > 0 ? 'warning' : undefined}>{a.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

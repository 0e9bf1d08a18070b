import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AuditEvent } from '../../api/audit';
import { I18nProvider } from '../../i18n/i18n-context';
import type { LanguageStorage } from '../../i18n/language-preference';
import { AuditEventsTable } from './audit-events-table';

/** An event as GET /api/v1/audit/events answers it: `details` is the record's payload. */
function event(eventType: string, body: Record<string, unknown>, actor = 'router'): AuditEvent {
  return {
    seq: 7,
    eventId: '0192a000-0000-7000-8000-000000000007',
    eventType,
    occurredAt: '2026-11-24T03:00:00.000Z',
    recordedAt: '2026-11-24T03:00:00.100Z',
    dispatchId: null,
    senderCode: null,
    recipientCode: null,
    actor,
    details: { body: { ...body, actor }, meta: { routingKey: eventType } },
    hash: 'c'.repeat(64),
  };
}

/** Server-rendered, in the language the visitor chose (null: none, so Vietnamese). */
function render(events: AuditEvent[], language: string | null = null): string {
  const storage: LanguageStorage = { getItem: () => language, setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nProvider storage={() => storage}>
      <AuditEventsTable events={events} onOpenTimeline={() => undefined} />
    </I18nProvider>,
  );
}

describe('AuditEventsTable (audit search results)', () => {
  it("shows a status event's code and its meaning, read from the recorded body", () => {
    const noticed = event('status.noticed', { statusCode: '01' }, 'CN=Văn thư');
    expect(render([noticed])).toContain('(01 Đã đến)');
    expect(render([noticed], 'en')).toContain('(01 Arrived)');
  });
});

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

  it("shows a status packet's signature as the notice's event recorded it, in brief", () => {
    const tampered = event(
      'status.noticed',
      {
        statusCode: '03',
        envelopeSignature: {
          status: 'signed',
          indication: 'TOTAL-FAILED',
          subIndication: 'HASH_FAILURE',
          signerAgencyCode: '000.00.00.H41',
          signedByAuthor: true,
        },
      },
      'CN=Văn thư',
    );
    expect(render([tampered])).toContain('chữ ký số gói tin không hợp lệ: HASH_FAILURE');
    const foreign = event('status.noticed', {
      statusCode: '04',
      envelopeSignature: {
        status: 'signed',
        indication: 'TOTAL-PASSED',
        signerAgencyCode: '000.00.14.H20',
        signedByAuthor: false,
      },
    });
    expect(render([foreign], 'en')).toContain(
      'packet signature valid but by 000.00.14.H20, not the author',
    );
    expect(render([event('status.noticed', { statusCode: '01' })])).not.toContain('gói tin');
  });

  describe('a webhook change', () => {
    const H41 = '000.00.00.H41';
    const change = {
      agencyCode: H41,
      webhookId: '0192a000-0000-7000-8000-0000000000b1',
      url: 'https://hooks.example.org/x',
    };
    const reason = 'every delivery attempt failed for 72 h (since 2026-11-20T08:00:00.000Z)';
    const reasonVi = 'mọi lần gửi đều thất bại trong 72 giờ (từ 2026-11-20T08:00:00.000Z)';
    const stopped = event(
      'webhook.changed',
      {
        ...change,
        action: 'webhook.deactivated',
        deactivationCode: 'FAILING_PERSISTENTLY',
        reason,
        reasonVi,
      },
      'notifier',
    );

    it('the notifier stopped says so and why, in Vietnamese by default', () => {
      const html = render([stopped]);
      expect(html).toContain('Thay đổi webhook của cơ quan');
      expect(html).toContain(`(ngừng ${H41}: gửi thất bại kéo dài) — do trục tự ngừng (notifier)`);
      expect(html).toContain(reasonVi);
      expect(html).not.toContain(reason);
    });

    it('the notifier stopped says so and why, in English on request', () => {
      const html = render([stopped], 'en');
      expect(html).toContain('Agency webhook changed');
      expect(html).toContain(
        `(deactivated ${H41}: failing persistently) — stopped by the axis (notifier)`,
      );
      expect(html).toContain(reason);
      expect(html).not.toContain(reasonVi);
    });

    it("an agency's own change names it without claiming the axis made it", () => {
      const subject = `CN=Văn thư, OU=${H41}`;
      const registered = event(
        'webhook.changed',
        { ...change, action: 'webhook.registered' },
        subject,
      );
      const html = render([registered]);
      expect(html).toContain(`(đăng ký ${H41})`);
      expect(html).not.toContain('notifier');
    });
  });

  it('a directory change says what the administrator did to which agency, in the page language', () => {
    const fingerprint = 'ab'.repeat(32);
    const rotated = event(
      'directory.changed',
      {
        action: 'certificate.rotated',
        agencyCode: '000.00.00.G22',
        fingerprint,
        replacedFingerprint: 'cd'.repeat(32),
      },
      'CN=Quản trị trục',
    );
    const html = render([rotated]);
    expect(html).toContain('Thay đổi danh bạ cơ quan');
    expect(html).toContain(
      `(thay chứng thư số của 000.00.00.G22; chứng thư SHA-256 ${fingerprint}; thay cho chứng thư SHA-256 ${'cd'.repeat(32)})`,
    );
    expect(render([rotated], 'en')).toContain('(rotated the certificate of 000.00.00.G22;');
  });
});

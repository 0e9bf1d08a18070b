import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import type { InboxItem, StatusInboxItem } from '../../api/dispatches';
import type { PacketSignatureReportBrief } from '../../../../../libs/edxml/src/signature/packet-signature-verdict';
import { I18nProvider } from '../../i18n/i18n-context';
import type { LanguageStorage } from '../../i18n/language-preference';
import { InboxTable } from './inbox-table';

const DISPATCH_ID = '01a20f5a-daaf-76f9-8363-ebded9567960';
const DOCUMENT_ID = '000.00.00.G22,2026/11/24,5553938/VPCP-KSTT';

const RECALL_REQUEST: StatusInboxItem = {
  kind: 'status',
  dispatchId: DISPATCH_ID,
  documentId: DOCUMENT_ID,
  deliveredAt: '2026-11-24T21:00:18.658Z',
  notice: {
    id: '01a20f5c-054c-72c6-8628-a4e70f2b65c5',
    noticeId: `recall:${DISPATCH_ID}:000.00.00.H41`,
    dispatchId: DISPATCH_ID,
    recipientCode: '000.00.00.H41',
    authorCode: '000.00.00.G22',
    addresseeCode: '000.00.00.H41',
    code: '13',
    name: 'Lấy lại',
    reason: 'Gửi nhầm phụ lục',
    timestamp: '2026-11-24T21:00:00.000Z',
    recordedAt: '2026-11-24T21:00:18.634Z',
    deliveredAt: '2026-11-24T21:00:18.658Z',
  },
};

function render(language: string | null, item: InboxItem = RECALL_REQUEST): string {
  const storage: LanguageStorage = { getItem: () => language, setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nProvider storage={() => storage}>
      <InboxTable items={[item]} onOpen={() => undefined} />
    </I18nProvider>,
  );
}

/** RECALL_REQUEST as if the sender had posted it as an edXML status packet with this signature. */
function signed(envelopeSignature: PacketSignatureReportBrief): InboxItem {
  return { ...RECALL_REQUEST, notice: { ...RECALL_REQUEST.notice, envelopeSignature } };
}

/** The text of each cell of the first body row, in order. */
function bodyCells(html: string): string[] {
  const row = html.slice(html.indexOf('<tbody>'));
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(([, cell]) =>
    cell
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('InboxTable: a status notice', () => {
  it('says when its author gave it beside the document, not under the State header', () => {
    const cells = bodyCells(render(null));
    expect(cells).toEqual([
      'Trạng thái xử lý',
      `13 — Lấy lại, từ 000.00.00.G22 ${DOCUMENT_ID} · ghi lúc 25/11/2026 04:00:00 Gửi nhầm phụ lục`,
      '25/11/2026 04:00:18',
      'Mở văn bản',
    ]);
    expect(render(null)).toContain('<td colSpan="5">');
  });

  it('in English too', () => {
    expect(bodyCells(render('en'))[1]).toBe(
      `13 — Recall requested, from 000.00.00.G22 ${DOCUMENT_ID} · given at 25/11/2026 04:00:00 Gửi nhầm phụ lục`,
    );
  });

  it("shows a status packet's signature in brief, marked when it failed; nothing for JSON", () => {
    const tampered = signed({
      status: 'signed',
      indication: 'TOTAL-FAILED',
      subIndication: 'HASH_FAILURE',
      signedByAuthor: true,
    });
    expect(bodyCells(render(null, tampered))[1]).toMatch(
      / Gửi nhầm phụ lục chữ ký số gói tin không hợp lệ: HASH_FAILURE$/,
    );
    expect(render(null, tampered)).toContain('notice-signature-warn');
    expect(bodyCells(render('en', signed({ status: 'unsigned' })))[1]).toMatch(
      / Gửi nhầm phụ lục packet unsigned$/,
    );
    expect(render(null)).not.toContain('notice-signature');
  });
});

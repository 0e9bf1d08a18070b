import { describe, expect, it } from '@jest/globals';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { SentItem } from '../../api/dispatches';
import { I18nProvider } from '../../i18n/i18n-context';
import type { LanguageStorage } from '../../i18n/language-preference';
import { canRecall, DispatchRejection } from './dispatch-rejection';
import { SentTable } from './sent-table';

const G22 = '000.00.00.G22';
const REJECTION = {
  code: 'SIGNATURE_HASH_MISMATCH',
  message: 'Chữ ký số thứ 1 trên tệp "tampered.pdf": nội dung được ký đã bị thay đổi.',
};

function render(node: ReactNode, language: string | null = null): string {
  const storage: LanguageStorage = { getItem: () => language, setItem: () => undefined };
  return renderToStaticMarkup(<I18nProvider storage={() => storage}>{node}</I18nProvider>);
}

const REJECTED_SENT: SentItem = {
  dispatchId: '01a20f71-00bc-71b1-aeab-d635c354ff09',
  documentId: `${G22},2026/11/24,5555394/VPCP-KSTT`,
  subject: 'V/v thử nghiệm',
  urgency: 'urgent',
  state: 'rejected',
  createdAt: '2026-11-24T21:23:13.725Z',
  recalledAt: null,
  recipients: [
    {
      agencyCode: '000.00.00.H41',
      state: 'pending',
      statusCode: null,
      recallState: null,
      deliveredAt: null,
      fetchedAt: null,
      acknowledgedAt: null,
    },
  ],
};

describe('a dispatch the axis rejected, as its sender sees it', () => {
  it('says why on the dispatch (it showed every recipient "pending" and nothing else)', () => {
    const html = render(<DispatchRejection view={{ state: 'rejected', rejection: REJECTION }} />);
    expect(html).toContain(
      `Trục đã từ chối văn bản này, không cơ quan nhận nào nhận được (SIGNATURE_HASH_MISMATCH): ${REJECTION.message.replace(/"/g, '&quot;')}`,
    );
    expect(
      render(<DispatchRejection view={{ state: 'rejected', rejection: REJECTION }} />, 'en'),
    ).toContain(
      'The axis rejected this dispatch; it reached no recipient (SIGNATURE_HASH_MISMATCH)',
    );
    expect(render(<DispatchRejection view={{ state: 'routed', rejection: null }} />)).toBe('');
  });

  it('offers no recall: there is nobody to recall it from (the axis answers DISPATCH_NOT_RECALLABLE)', () => {
    expect(canRecall({ senderCode: G22, recall: null, state: 'rejected' }, G22)).toBe(false);
    expect(canRecall({ senderCode: G22, recall: null, state: 'routed' }, G22)).toBe(true);
    expect(canRecall({ senderCode: G22, recall: null, state: 'routed' }, '000.00.00.H41')).toBe(
      false,
    );
    const recall = { recalledAt: '2026-11-24T21:00:00Z', reason: 'nhầm' };
    expect(canRecall({ senderCode: G22, recall, state: 'routed' }, G22)).toBe(false);
  });

  it('is marked rejected in the sent list', () => {
    const html = render(<SentTable items={[REJECTED_SENT]} onOpen={() => undefined} />);
    expect(html).toContain(
      'Trục đã từ chối: không cơ quan nhận nào nhận được; mở văn bản để xem lý do.',
    );
    const routed = render(
      <SentTable items={[{ ...REJECTED_SENT, state: 'routed' }]} onOpen={() => undefined} />,
    );
    expect(routed).not.toContain('Trục đã từ chối');
  });
});

import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AuditFilter } from '../../api/audit';
import { I18nProvider } from '../../i18n/i18n-context';
import type { LanguageStorage } from '../../i18n/language-preference';
import { ExportManifestOffer } from './export-manifest-offer';

const HEAD = `42:${'c'.repeat(64)}`;

/** Server-rendered, in the language the visitor chose (null: none, so Vietnamese). */
function render(filter: AuditFilter | undefined, language: string | null = null): string {
  const storage: LanguageStorage = { getItem: () => language, setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nProvider storage={() => storage}>
      <ExportManifestOffer
        exported={filter && { filter, head: HEAD }}
        busy={false}
        onDownload={() => undefined}
      />
    </I18nProvider>,
  );
}

describe('ExportManifestOffer (beside the audit export buttons)', () => {
  it('offers the manifest of the export just downloaded, at its head, and how to check it', () => {
    const vi = render({ agency: '000.00.00.G22' });
    expect(vi).toContain('Tải bản kê (manifest) của bản xuất vừa tải');
    expect(vi).toContain('bản ghi số 42');
    expect(vi).toContain('docaxis audit verify-export');
    expect(vi).not.toContain('không thể kiểm tra');
    expect(render({ agency: '000.00.00.G22' }, 'en')).toContain(
      'Download the manifest of this export',
    );
    // Nothing exported yet (or an empty trail, which pins no head): nothing offered.
    expect(render(undefined)).toBe('');
  });

  it('says an export by status, number or notation cannot be proven complete', () => {
    for (const filter of [{ status: '01' }, { number: '12' }, { notation: 'QĐ-UBND' }]) {
      expect(render(filter)).toContain('không thể kiểm tra bản xuất có đầy đủ hay không');
    }
    expect(render({ status: '01' }, 'en')).toContain('cannot be checked');
  });
});

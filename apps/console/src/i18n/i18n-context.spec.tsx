import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { LanguageSwitch } from '../shell/language-switch';
import { I18nProvider, useI18n } from './i18n-context';
import type { LanguageStorage } from './language-preference';

/** Rendered on the server: no DOM needed, and effects (which write the choice) do not run. */
function renderSwitch(stored: string | null): string {
  const storage: LanguageStorage = { getItem: () => stored, setItem: () => undefined };
  return renderToStaticMarkup(
    <I18nProvider storage={() => storage}>
      <LanguageSwitch />
    </I18nProvider>,
  );
}

describe('I18nProvider', () => {
  it('renders Vietnamese when the visitor chose nothing', () => {
    const html = renderSwitch(null);
    expect(html).toContain('aria-label="Ngôn ngữ"');
    expect(html).toContain(
      '<button type="button" lang="vi" aria-pressed="true">Tiếng Việt</button>',
    );
    expect(html).toContain('<button type="button" lang="en" aria-pressed="false">English</button>');
  });

  it('renders English once the visitor switched to it', () => {
    const html = renderSwitch('en');
    expect(html).toContain('aria-label="Language"');
    expect(html).toContain('<button type="button" lang="en" aria-pressed="true">English</button>');
  });

  it('refuses useI18n outside the provider', () => {
    function Orphan() {
      return <p>{useI18n().t.appTitle}</p>;
    }
    expect(() => renderToStaticMarkup(<Orphan />)).toThrow('useI18n outside I18nProvider');
  });
});

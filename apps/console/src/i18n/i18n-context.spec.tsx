import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { answerApiCallsIn, apiJson } from '../api/api-client';
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

  describe('the language the API answers in', () => {
    afterEach(() => {
      jest.restoreAllMocks();
      answerApiCallsIn('vi');
    });

    it.each(['en', 'vi'] as const)('follows the page: %s', async (language) => {
      answerApiCallsIn(language === 'en' ? 'vi' : 'en');
      const fetch = jest
        .spyOn(globalThis, 'fetch')
        .mockImplementation(() => Promise.resolve(new Response('{}', { status: 200 })));
      renderSwitch(language);
      await apiJson('/me');
      const [, init] = fetch.mock.calls[0] as [string, RequestInit];
      expect(new Headers(init.headers).get('Accept-Language')).toBe(language);
    });
  });

  it('refuses useI18n outside the provider', () => {
    function Orphan() {
      return <p>{useI18n().t.appTitle}</p>;
    }
    expect(() => renderToStaticMarkup(<Orphan />)).toThrow('useI18n outside I18nProvider');
  });
});

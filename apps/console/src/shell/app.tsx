import { type MouseEvent, useEffect, useState } from 'react';
import { describeError } from '../api/api-client';
import { fetchMe, type Me } from '../api/me';
import { useI18n } from '../i18n/i18n-context';
import { AuditPage } from '../pages/audit/audit-page';
import { InboxPage } from '../pages/inbox/inbox-page';
import { VerifyPage } from '../pages/verify/verify-page';
import { LanguageSwitch } from './language-switch';
import { pagesFor } from './pages';
import { hrefOf, useRoute } from './use-route';

type MeState = { kind: 'loading' } | { kind: 'ready'; me: Me } | { kind: 'failed'; error: string };

export function App() {
  const { t } = useI18n();
  const { path, navigate } = useRoute();
  const [me, setMe] = useState<MeState>({ kind: 'loading' });

  useEffect(() => {
    fetchMe().then(
      (value) => setMe({ kind: 'ready', me: value }),
      (error: unknown) =>
        setMe({
          kind: 'failed',
          error: describeError(error),
        }),
    );
  }, []);

  const pages = me.kind === 'ready' ? pagesFor(me.me.roles) : [];
  const active = pages.find((page) => page.path === path) ?? pages[0];
  const follow = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(target);
    document.getElementById('main')?.focus();
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⇄
          </span>
          {t.appTitle}
        </div>
        {pages.length > 0 && (
          <nav aria-label={t.nav.label}>
            <ul>
              {pages.map((page) => (
                <li key={page.path}>
                  <a
                    href={hrefOf(page.path)}
                    aria-current={page === active ? 'page' : undefined}
                    onClick={(event) => follow(event, page.path)}
                  >
                    {page.label(t)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <LanguageSwitch />
      </header>
      {me.kind === 'ready' && (
        <p className="identity" data-testid="identity">
          {t.me.signedInAs} <strong>{me.me.agencyName}</strong> ({me.me.agencyCode}) · {t.me.roles}:{' '}
          {me.me.roles.map((role) => t.me.role[role] ?? role).join(', ')}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {me.kind === 'loading' && <p role="status">{t.me.loading}</p>}
        {me.kind === 'failed' && (
          <div role="alert" className="notice notice-error">
            <strong>{t.me.failed}</strong>
            <p>{me.error}</p>
          </div>
        )}
        {active?.path === 'verify' && <VerifyPage />}
        {active?.path === 'audit' && <AuditPage />}
        {active?.path === 'inbox' && me.kind === 'ready' && (
          <InboxPage agencyCode={me.me.agencyCode} />
        )}
      </main>
    </>
  );
}

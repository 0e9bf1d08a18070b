import type { Messages } from '../i18n/messages.vi';

export interface PageEntry {
  path: string;
  label: (t: Messages) => string;
  /** Roles that see the page; the API enforces the same on every call. */
  roles: readonly string[];
}

export const PAGES: readonly PageEntry[] = [
  {
    path: 'verify',
    label: (t) => t.nav.verify,
    roles: ['clerk', 'auditor', 'agency-system'],
  },
  { path: 'inbox', label: (t) => t.nav.inbox, roles: ['clerk'] },
  { path: 'audit', label: (t) => t.nav.audit, roles: ['auditor'] },
];

export const pagesFor = (roles: readonly string[]) =>
  PAGES.filter((page) => page.roles.some((role) => roles.includes(role)));

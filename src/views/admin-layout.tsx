// The admin desk's page frame: top bar with navigation and the signed-in person, flash message, content.
import type { Child } from 'hono/jsx';
import type { Role, User } from '../db/users';
import { t } from '../i18n/desk-text';
import { assetUrl } from './assets';
import { BrandIcons } from './brand-icons';

export interface Flash {
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** A way to what the message is about on the page it lands on: a fragment (#entry-12), never another site. */
  link?: { href: `#${string}`; label: string };
}

/** The admin's sections and the least role that sees each; routes enforce the same (routes/admin/index.tsx). */
export const SECTIONS = [
  { href: '/admin/inbox', label: t('desk.layout.sections.inbox'), key: 'inbox', role: 'contributor' },
  { href: '/admin/sources', label: t('desk.layout.sections.sources'), key: 'sources', role: 'editor' },
  { href: '/admin/coverage', label: t('desk.layout.sections.coverage'), key: 'coverage', role: 'editor' },
  {
    href: '/admin/subscribers',
    label: t('desk.layout.sections.subscribers'),
    key: 'subscribers',
    role: 'editor',
  },
  { href: '/admin/outbox', label: t('desk.layout.sections.outbox'), key: 'outbox', role: 'editor' },
  { href: '/admin/audit', label: t('desk.layout.sections.audit'), key: 'audit', role: 'editor' },
  { href: '/admin/users', label: t('desk.layout.sections.users'), key: 'users', role: 'admin' },
  { href: '/admin/settings', label: t('desk.layout.sections.settings'), key: 'settings', role: 'admin' },
  { href: '/admin/account', label: t('desk.layout.sections.account'), key: 'account', role: 'contributor' },
] as const satisfies readonly { href: string; label: string; key: string; role: Role }[];

export type AdminSection = (typeof SECTIONS)[number]['key'] | 'none';

const RANK: Record<Role, number> = { contributor: 1, editor: 2, admin: 3 };

export interface AdminLayoutProps {
  title: string;
  districtName: string;
  user?: User;
  csrfToken: string;
  section: AdminSection;
  flash?: Flash | undefined;
  children: Child;
}

export function AdminLayout(props: AdminLayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{t('desk.layout.title', { page: props.title })}</title>
        <link rel="stylesheet" href={assetUrl('admin.css')} />
        <BrandIcons />
      </head>
      <body>
        <a class="skip" href="#content">
          {t('desk.layout.skip')}
        </a>
        <header class="topbar">
          <div class="inner">
            <a class="brand" href="/admin">
              Yesterday<small>{props.districtName}</small>
            </a>
            {props.user ? (
              <nav aria-label={t('desk.layout.nav')}>
                <ul>
                  {SECTIONS.filter((item) => RANK[props.user!.role] >= RANK[item.role]).map((item) => (
                    <li>
                      <a href={item.href} aria-current={item.key === props.section ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href="/">{t('desk.layout.publicSite')}</a>
                  </li>
                </ul>
              </nav>
            ) : null}
            {props.user ? (
              <form class="who" method="post" action="/admin/logout">
                <span>{props.user.email}</span>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit">{t('desk.layout.signOut')}</button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="content">
          {props.flash ? (
            <div class={`flash ${props.flash.kind}`} role={props.flash.kind === 'error' ? 'alert' : 'status'}>
              {props.flash.text}
              {props.flash.link ? (
                <>
                  {' '}
                  <a href={props.flash.link.href}>{props.flash.link.label}</a>
                </>
              ) : null}
            </div>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

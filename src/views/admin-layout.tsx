// The admin desk's page frame: top bar with navigation and the signed-in person, flash message, content.
import type { Child } from 'hono/jsx';
import type { Role, User } from '../db/users';
import { assetUrl } from './assets';

export interface Flash {
  kind: 'ok' | 'error' | 'info';
  text: string;
}

/** The admin's sections and the least role that sees each; routes enforce the same (routes/admin/index.tsx). */
export const SECTIONS = [
  { href: '/admin/inbox', label: 'Inbox', key: 'inbox', role: 'contributor' },
  { href: '/admin/sources', label: 'Sources', key: 'sources', role: 'editor' },
  { href: '/admin/coverage', label: 'Coverage', key: 'coverage', role: 'editor' },
  { href: '/admin/subscribers', label: 'Subscribers', key: 'subscribers', role: 'editor' },
  { href: '/admin/outbox', label: 'Outbox', key: 'outbox', role: 'editor' },
  { href: '/admin/audit', label: 'Audit log', key: 'audit', role: 'editor' },
  { href: '/admin/users', label: 'People', key: 'users', role: 'admin' },
  { href: '/admin/settings', label: 'Settings', key: 'settings', role: 'admin' },
  { href: '/admin/account', label: 'My account', key: 'account', role: 'contributor' },
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
        <title>{`${props.title} · Yesterday admin`}</title>
        <link rel="stylesheet" href={assetUrl('admin.css')} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="topbar">
          <div class="inner">
            <a class="brand" href="/admin">
              Yesterday<small>{props.districtName}</small>
            </a>
            {props.user ? (
              <nav aria-label="Admin">
                <ul>
                  {SECTIONS.filter((item) => RANK[props.user!.role] >= RANK[item.role]).map((item) => (
                    <li>
                      <a href={item.href} aria-current={item.key === props.section ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href="/">Public site</a>
                  </li>
                </ul>
              </nav>
            ) : null}
            {props.user ? (
              <form class="who" method="post" action="/admin/logout">
                <span>{props.user.email}</span>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <button type="submit">Sign out</button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="content">
          {props.flash ? (
            <div class={`flash ${props.flash.kind}`} role={props.flash.kind === 'error' ? 'alert' : 'status'}>
              {props.flash.text}
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

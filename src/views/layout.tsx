// The public site's page frame: masthead, navigation, footer with feeds and subscription.
import type { Child } from 'hono/jsx';
import { assetUrl } from './assets';

export interface SiteInfo {
  districtName: string;
  siteTitle: string;
  publicUrl: string;
  hasLogo?: boolean;
}

export interface PublicLayoutProps {
  site: SiteInfo;
  title: string;
  description?: string;
  /** Path of this page's permanent URL, for the canonical link. */
  path?: string;
  head?: Child;
  children: Child;
}

export function PublicLayout({ site, title, description, path, head, children }: PublicLayoutProps) {
  const fullTitle =
    title === site.siteTitle ? `${site.siteTitle} · ${site.districtName}` : `${title} · ${site.siteTitle}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {path !== undefined ? <link rel="canonical" href={`${site.publicUrl}${path}`} /> : null}
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link
          rel="alternate"
          type="application/rss+xml"
          title={`${site.siteTitle} (RSS)`}
          href={`${site.publicUrl}/feed.xml`}
        />
        {head}
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="masthead">
          <div class="wrap">
            <div class="brand">
              {site.hasLogo ? <img class="logo" src="/logo" alt="" width="56" height="56" /> : null}
              <div>
                <span class="district">{site.districtName}</span>
                <a class="title" href="/">
                  {site.siteTitle}
                </a>
              </div>
            </div>
            <nav aria-label="Site">
              <ul>
                <li>
                  <a href="/">Latest</a>
                </li>
                <li>
                  <a href="/archive">Archive</a>
                </li>
                <li>
                  <a href="/subscribe">Get it by email</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="content" class="wrap">
          {children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>
              {site.siteTitle} is {site.districtName}'s daily selection of posts from its classrooms, chosen
              and published once a day.
            </p>
            <ul>
              <li>
                <a href="/subscribe">Subscribe by email</a>
              </li>
              <li>
                <a href="/feed.xml">RSS feed</a>
              </li>
              <li>
                <a href="/archive">All digests</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A small page with one message, for confirmations and errors. */
export function MessagePage(props: {
  site: SiteInfo;
  title: string;
  tone?: 'info' | 'error';
  children: Child;
}) {
  return (
    <PublicLayout site={props.site} title={props.title}>
      <h1 class="page-title">{props.title}</h1>
      <div class={props.tone === 'error' ? 'message error' : 'message'}>{props.children}</div>
    </PublicLayout>
  );
}

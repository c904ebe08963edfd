// The public site's page frame: masthead, navigation, footer with feeds and subscription.
import type { Child } from 'hono/jsx';
import { dailyDigestOf } from '../publish/digest-content';
import { assetUrl } from './assets';
import { brandVersion, DEFAULT_BRAND, type Brand } from '../brand/brand';

export interface SiteInfo {
  districtName: string;
  siteTitle: string;
  publicUrl: string;
  hasLogo?: boolean;
  hasDarkLogo?: boolean;
  timezone: string;
  /** The district's colours and fonts; the defaults when absent. */
  brand?: Brand;
}

/** The district's colours and fonts, after the page's own stylesheet (a file, as the CSP allows no inline style). */
export function BrandStylesheet(props: { site: SiteInfo }) {
  return <link rel="stylesheet" href={`/brand.css?v=${brandVersion(props.site.brand ?? DEFAULT_BRAND)}`} />;
}

/** How a shared link previews (OpenGraph, Twitter cards). */
export interface SharePreview {
  type: 'website' | 'article';
  image?: { url: string; alt: string; width?: number; height?: number };
  publishedAt?: number;
  modifiedAt?: number;
}

/** A feed this page offers for autodiscovery, besides the district's own three. */
export interface FeedLink {
  title: string;
  href: string;
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
}

export interface PublicLayoutProps {
  site: SiteInfo;
  title: string;
  description?: string;
  /** Path of this page's permanent URL, for the canonical link. */
  path?: string;
  share?: SharePreview;
  feeds?: FeedLink[];
  head?: Child;
  /** Pages of cards (the home page) use the full width; reading pages keep a comfortable line length. */
  wide?: boolean;
  children: Child;
}

export function districtFeeds(site: SiteInfo): FeedLink[] {
  return [
    { title: `${site.siteTitle} (RSS)`, href: `${site.publicUrl}/feed.xml`, type: 'application/rss+xml' },
    { title: `${site.siteTitle} (Atom)`, href: `${site.publicUrl}/feed.atom`, type: 'application/atom+xml' },
    {
      title: `${site.siteTitle} (JSON Feed)`,
      href: `${site.publicUrl}/feed.json`,
      type: 'application/feed+json',
    },
  ];
}

export function PublicLayout({
  site,
  title,
  description,
  path,
  share,
  feeds,
  head,
  wide,
  children,
}: PublicLayoutProps) {
  const fullTitle =
    title === site.siteTitle ? `${site.siteTitle} · ${site.districtName}` : `${title} · ${site.siteTitle}`;
  const url = path !== undefined ? `${site.publicUrl}${path}` : undefined;
  const image =
    share?.image ?? (site.hasLogo ? { url: `${site.publicUrl}/logo`, alt: site.districtName } : undefined);
  const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {url ? <link rel="canonical" href={url} /> : null}
        <meta property="og:site_name" content={`${site.siteTitle} · ${site.districtName}`} />
        <meta property="og:title" content={title} />
        <meta property="og:type" content={share?.type ?? 'website'} />
        {url ? <meta property="og:url" content={url} /> : null}
        {description ? <meta property="og:description" content={description} /> : null}
        {image ? <meta property="og:image" content={image.url} /> : null}
        {image ? <meta property="og:image:alt" content={image.alt} /> : null}
        {image?.width ? <meta property="og:image:width" content={String(image.width)} /> : null}
        {image?.height ? <meta property="og:image:height" content={String(image.height)} /> : null}
        {share?.publishedAt ? (
          <meta property="article:published_time" content={iso(share.publishedAt)} />
        ) : null}
        {share?.modifiedAt ? <meta property="article:modified_time" content={iso(share.modifiedAt)} /> : null}
        <meta name="twitter:card" content={share?.image ? 'summary_large_image' : 'summary'} />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <BrandStylesheet site={site} />
        <link
          rel="icon"
          href={`/favicon.svg?v=${brandVersion(site.brand ?? DEFAULT_BRAND)}`}
          type="image/svg+xml"
        />
        {[...districtFeeds(site), ...(feeds ?? [])].map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        {head}
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="masthead">
          <div class="wrap wide">
            <div class="brand">
              {site.hasDarkLogo ? (
                <img class="logo on-dark" src="/logo/dark" alt="" width="56" height="56" />
              ) : site.hasLogo ? (
                <img class="logo" src="/logo" alt="" width="56" height="56" />
              ) : null}
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
                  <a href="/schools">Schools</a>
                </li>
                <li>
                  <a href="/subscribe">Get it by email</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="content" class={wide ? 'wrap wide' : 'wrap'}>
          {children}
        </main>
        <footer class="site">
          <div class="wrap wide">
            <p>
              <strong>{site.siteTitle}</strong>: {dailyDigestOf(site.districtName)}, the best of yesterday in
              its classrooms, chosen and published once a day.
            </p>
            <ul>
              <li>
                <a href="/subscribe">Subscribe by email</a>
              </li>
              <li>
                <a href="/feed.xml">RSS feed</a>
              </li>
              <li>
                <a href="/feed.atom">Atom</a>
              </li>
              <li>
                <a href="/feed.json">JSON Feed</a>
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

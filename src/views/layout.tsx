// The public site's page frame: masthead, navigation, footer with feeds and subscription.
import type { Child } from 'hono/jsx';
import { LANGUAGES, type Language } from '../i18n/languages';
import type { Translator } from '../i18n/translate';
import { digestWords, siteLanguage } from '../i18n/site-language';
import { assetUrl } from './assets';
import { BrandIcons } from './brand-icons';
import { brandVersion, DEFAULT_BRAND, type Brand } from '../brand/brand';

export interface SiteInfo {
  districtName: string;
  /** In the page's language: a district that kept the default title has it translated (siteIn). */
  siteTitle: string;
  defaultTitle?: boolean;
  publicUrl: string;
  hasLogo?: boolean;
  hasDarkLogo?: boolean;
  /** The digest team's address, shown at the foot of every page and on the For teachers page, when set. */
  contactEmail?: string;
  timezone: string;
  /** The district's colours and fonts; the defaults when absent. */
  brand?: Brand;
  /** The languages offered, the district's own first (at the root), and the one this page is in. */
  languages?: Language[];
  lang?: Language;
}

/** "Write to the digest team:" and its address, when the district gives one (the foot, the teachers page). */
export function ContactLine(props: { site: SiteInfo }) {
  const address = props.site.contactEmail;
  return address ? (
    <p>
      {textOf(props.site).t('layout.contact')} <a href={`mailto:${address}`}>{address}</a>
    </p>
  ) : null;
}

/** The page's fixed text in its language. */
export function textOf(site: SiteInfo): Translator {
  return siteLanguage(site).text;
}

/** A public path in the page's language: `/digests/2026-11-20` → `/es/digests/2026-11-20` on a Spanish page. */
export function localPath(site: SiteInfo, path: string, lang = site.lang): string {
  const own = site.languages?.[0] ?? 'en';
  if (!lang || lang === own) return path;
  // The home page is /es, and its later pages /es?page=2: there is no /es/.
  return path === '/' || path.startsWith('/?') ? `/${lang}${path.slice(1)}` : `/${lang}${path}`;
}

/**
 * What only the district writes (its name, its schools' names) on a page in another language than its own:
 * isolated in <bdi> with the district's language, so a screen reader says "Lincoln Elementary" in English on
 * an Arabic page and "Room 4 (Ms. Rivera)" keeps its brackets, where the line around it keeps its direction.
 */
export function DistrictWords(props: { site: SiteInfo; children: Child }) {
  const own = props.site.languages?.[0];
  const { lang } = props.site;
  return own && lang && lang !== own ? <bdi lang={own}>{props.children}</bdi> : <>{props.children}</>;
}

/** The district's colours and fonts, after the page's own stylesheet (a file, as the CSP allows no inline style). */
export function BrandStylesheet(props: { site: SiteInfo }) {
  return <link rel="stylesheet" href={`/brand.css?v=${brandVersion(props.site.brand ?? DEFAULT_BRAND)}`} />;
}

/** How a shared link previews (OpenGraph, Twitter cards). */
export interface SharePreview {
  type: 'website' | 'article';
  /** What a link preview calls the page, where its title alone says too little (a digest's date). */
  title?: string;
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
  /** This page in another language, for a page whose language is in its query (the sign-up form), not its path. */
  languageHref?: (lang: Language) => string;
  /**
   * The languages this page's text is really in (a digest its readers get translated), for search engines:
   * only those are its language alternates, and in any other language the page is the district's own again,
   * whose address is then its canonical one. Absent: every offered language.
   */
  translatedIn?: readonly Language[];
  children: Child;
}

export function districtFeeds(site: SiteInfo): FeedLink[] {
  const base = `${site.publicUrl}${siteLanguage(site).prefix}`;
  return [
    { title: `${site.siteTitle} (RSS)`, href: `${base}/feed.xml`, type: 'application/rss+xml' },
    { title: `${site.siteTitle} (Atom)`, href: `${base}/feed.atom`, type: 'application/atom+xml' },
    {
      title: `${site.siteTitle} (JSON Feed)`,
      href: `${base}/feed.json`,
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
  languageHref,
  translatedIn,
  children,
}: PublicLayoutProps) {
  // Whose page it is, in a browser's tab and a search result: the district, after the page and the site.
  const fullTitle =
    title === site.siteTitle
      ? `${site.siteTitle} · ${site.districtName}`
      : `${title} · ${site.siteTitle} · ${site.districtName}`;
  // This page's own address, in its language: /es/digests/… is the Spanish page, not a copy of the English one.
  const offered = site.languages ?? ['en'];
  const alternates = offered.filter((lang, n) => n === 0 || !translatedIn || translatedIn.includes(lang));
  const asOwn = !alternates.includes(site.lang ?? offered[0]!);
  const url =
    path !== undefined
      ? `${site.publicUrl}${asOwn ? localPath(site, path, offered[0]) : localPath(site, path)}`
      : undefined;
  // A link preview's picture: the page's own, else the district's logo, else its mark drawn large.
  const image = share?.image ?? {
    url: site.hasLogo
      ? `${site.publicUrl}/logo`
      : `${site.publicUrl}/icon-512.png?v=${brandVersion(site.brand ?? DEFAULT_BRAND)}`,
    alt: site.districtName,
    ...(site.hasLogo ? {} : { width: 512, height: 512 }),
  };
  // The language of the page og:url names: the district's own, for a page not translated into this one.
  const previewLang = asOwn ? offered[0]! : (site.lang ?? offered[0]!);
  const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);
  const text = textOf(site);
  const t = text.t;
  const to = (p: string) => localPath(site, p);
  return (
    <html lang={text.lang} dir={text.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {url ? <link rel="canonical" href={url} /> : null}
        <meta property="og:site_name" content={`${site.siteTitle} · ${site.districtName}`} />
        <meta property="og:title" content={share?.title ?? title} />
        <meta property="og:type" content={share?.type ?? 'website'} />
        <meta property="og:locale" content={LANGUAGES[previewLang].openGraph} />
        {path !== undefined
          ? alternates
              .filter((lang) => lang !== previewLang)
              .map((lang) => <meta property="og:locale:alternate" content={LANGUAGES[lang].openGraph} />)
          : null}
        {url ? <meta property="og:url" content={url} /> : null}
        {description ? <meta property="og:description" content={description} /> : null}
        <meta property="og:image" content={image.url} />
        <meta property="og:image:alt" content={image.alt} />
        {image.width ? <meta property="og:image:width" content={String(image.width)} /> : null}
        {image.height ? <meta property="og:image:height" content={String(image.height)} /> : null}
        {share?.publishedAt ? (
          <meta property="article:published_time" content={iso(share.publishedAt)} />
        ) : null}
        {share?.modifiedAt ? <meta property="article:modified_time" content={iso(share.modifiedAt)} /> : null}
        <meta name="twitter:card" content={share?.image ? 'summary_large_image' : 'summary'} />
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <BrandStylesheet site={site} />
        <BrandIcons version={brandVersion(site.brand ?? DEFAULT_BRAND)} />
        {/* A phone's home screen and its browser's bar, in the masthead's colour. */}
        <link rel="manifest" href="/site.webmanifest" />
        <meta name="theme-color" content={(site.brand ?? DEFAULT_BRAND).primary} />
        {[...districtFeeds(site), ...(feeds ?? [])].map((feed) => (
          <link rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
        ))}
        {path !== undefined && alternates.length > 1
          ? [...alternates.map((lang) => [lang, lang] as const), ['x-default', offered[0]!] as const].map(
              // x-default: the district's own language, for a reader whose language is not among them.
              ([hreflang, lang]) => (
                <link
                  rel="alternate"
                  hreflang={hreflang}
                  href={`${site.publicUrl}${localPath(site, path, lang)}`}
                />
              ),
            )
          : null}
        {head}
      </head>
      <body>
        <a class="skip" href="#content">
          {t('layout.skip')}
        </a>
        <header class="masthead">
          {offered.length > 1 && (path !== undefined || languageHref) ? (
            // At the top, where a family reading another language looks first (on a phone the footer is pages away).
            <div class="wrap wide language-bar">
              <nav class="languages" aria-label={t('language.label')}>
                <ul>
                  {offered.map((lang) => (
                    <li>
                      {lang === text.lang ? (
                        <strong aria-current="page" lang={lang}>
                          {LANGUAGES[lang].name}
                        </strong>
                      ) : (
                        <a
                          href={languageHref ? languageHref(lang) : localPath(site, path!, lang)}
                          hreflang={lang}
                          lang={lang}
                        >
                          {LANGUAGES[lang].name}
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          ) : null}
          <div class="wrap wide">
            <div class="brand">
              {site.hasDarkLogo ? (
                <img class="logo on-dark" src="/logo/dark" alt="" height="56" />
              ) : site.hasLogo ? (
                <img class="logo" src="/logo" alt="" height="56" />
              ) : null}
              <div>
                <span class="district">
                  <DistrictWords site={site}>{site.districtName}</DistrictWords>
                </span>
                <a class="title" href={to('/')}>
                  {site.siteTitle}
                </a>
              </div>
            </div>
            <nav aria-label={t('layout.nav')}>
              <ul>
                <li>
                  <a href={to('/')}>{t('layout.latest')}</a>
                </li>
                <li>
                  <a href={to('/archive')}>{t('layout.archive')}</a>
                </li>
                <li>
                  <a href={to('/schools')}>{t('layout.schools')}</a>
                </li>
                <li>
                  <a href={subscribeHref(site)}>{t('layout.byEmail')}</a>
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
              <strong>{site.siteTitle}</strong> · {t('layout.about', digestWords(site))}
            </p>
            <ContactLine site={site} />
            <ul>
              <li>
                <a href={subscribeHref(site)}>{t('layout.subscribe')}</a>
              </li>
              <li>
                <a href={to('/feeds')}>{t('layout.feeds')}</a>
              </li>
              <li>
                <a href={to('/archive')}>{t('layout.all')}</a>
              </li>
              <li>
                <a href={to('/teachers')}>{t('layout.teachers')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The sign-up page, in this page's language when it is not the district's own. */
export function subscribeHref(site: SiteInfo, school?: string): string {
  const own = site.languages?.[0] ?? 'en';
  const query = new URLSearchParams();
  // The form stays in the language being read. Without ?lang, /subscribe answers in the browser's preferred
  // language, which is right for a link from elsewhere but would switch a reader of the district's own
  // language mid-way; a district with one language has nothing to switch.
  if (site.lang && (site.lang !== own || (site.languages?.length ?? 1) > 1)) query.set('lang', site.lang);
  if (school) query.set('school', school);
  return query.size ? `/subscribe?${query}` : '/subscribe';
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

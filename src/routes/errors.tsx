// Error pages: a sentence for people, never a stack trace; JSON for API clients. A public page's error is said
// in the language of its address (/es/…, /ar/…) from the catalogs; the desk's stay in English.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { t } from '../i18n/desk-text';
import { isLanguage } from '../i18n/languages';
import { translator, type Translator } from '../i18n/translate';
import type { AppDeps } from '../deps';
import { readDistrictSettings, siteInLanguage } from '../settings/district-settings';
import { assetUrl } from '../views/assets';
import { localPath, PublicLayout, textOf } from '../views/layout';
import { renderPage } from '../views/render';
import { isStaffArea, PUBLIC_LIMIT_LABEL } from './body-limits';

const API_CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  422: 'invalid',
  429: 'too-many-requests',
  500: 'internal',
  507: 'disk-full',
};

/** The desk's title for each status. */
function deskTitle(code: number): string {
  switch (code) {
    case 400:
      return t('desk.errors.badRequest');
    case 401:
      return t('desk.errors.signIn');
    case 403:
      return t('desk.errors.refused');
    case 404:
      return t('desk.errors.notFound');
    case 409:
      return t('desk.errors.conflict');
    case 413:
      return t('desk.errors.tooLarge');
    case 422:
      return t('desk.errors.notYet');
    case 429:
      return t('desk.errors.tooMany');
    case 507:
      return t('desk.errors.diskFull');
    default:
      return t('desk.errors.failed');
  }
}

/** A public page's title and sentence for each status; any other 4xx is a bad request, any other 5xx a failure. */
function publicWords(text: Translator, code: number): { title: string; message: string } {
  const words = (title: string, message: string, values?: Record<string, string>) => ({
    title: text.t(`errors.${title}`),
    message: text.t(`errors.${message}`, values),
  });
  switch (code) {
    case 403:
      return words('refusedTitle', 'refused');
    case 404:
      return words('notFoundTitle', 'notFound');
    case 413:
      return words('tooLargeTitle', 'tooLarge', { limit: PUBLIC_LIMIT_LABEL });
    case 429:
      return words('tooManyTitle', 'tooMany');
    case 507:
      return words('diskFullTitle', 'diskFull');
    default:
      return code < 500 ? words('badRequestTitle', 'badRequest') : words('failedTitle', 'failed');
  }
}

/**
 * The error answer for this request: JSON under /api/ (with `message`), the desk's English page in the signed-in
 * areas (with `message`), and elsewhere a page in the address's language with the catalog's sentence for the
 * status. Language from the address alone, without the database (an error page must render when it is
 * unreachable), so any language with a catalog, offered or not; the site's root is English.
 */
/** The language prefix a public address starts with (/es/…), if any; whether it is offered is for the caller. */
function languageOfPath(path: string): string | undefined {
  return /^\/([a-z]{2})(?:\/|$)/.exec(path)?.[1];
}

export function errorPage(c: Context, status: number, message: string) {
  const code = (status >= 400 && status < 600 ? status : 500) as ContentfulStatusCode;
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/api/')) {
    return c.json({ error: { code: API_CODES[code] ?? String(code), message } }, code);
  }
  const desk = isStaffArea(path);
  const asked = languageOfPath(path) ?? '';
  const text = translator(!desk && isLanguage(asked) ? asked : 'en');
  const words = desk ? { title: deskTitle(code), message } : publicWords(text, code);
  return renderPage(
    c,
    <html lang={text.lang} dir={text.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{words.title}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {/* Unversioned: an error page must render without the database, and then the defaults stand. */}
        <link rel="stylesheet" href="/brand.css" />
      </head>
      <body>
        <main class="wrap" id="content">
          <h1 class="page-title">{words.title}</h1>
          <div class="message error">
            <p>{words.message}</p>
            <p>
              {/* Someone at the desk (a teacher refused a page, a stale link) goes back to it, not to the blog. */}
              {desk ? (
                <a href="/admin">{t('desk.errors.toTheDesk')}</a>
              ) : (
                <a href={text.lang === 'en' ? '/' : `/${text.lang}`}>{text.t('errors.home')}</a>
              )}
            </p>
          </div>
        </main>
      </body>
    </html>,
    code,
  );
}

/**
 * A public address that leads nowhere (an old link to a digest or to the district's earlier site, a mistyped
 * school, a picture's address that names none): the district's own page, masthead and navigation, in the
 * address's language, saying so, for one read of the settings (a scanner's /wp-login.php pays it too). The
 * plain error page for the API and the desk, for what a page loads under /assets/, and when even the settings
 * cannot be read.
 */
export async function notFoundPage(c: Context, deps: AppDeps) {
  const path = new URL(c.req.url).pathname;
  const plain = () => errorPage(c, 404, translator('en').t('errors.notFound'));
  // What a page loads (a stylesheet, a script) gets the plain answer; an address a person opens (an old
  // /index.html, a picture's link) gets the district's page, in its language.
  const file = path.startsWith('/assets/');
  if (path.startsWith('/api/'))
    return errorPage(
      c,
      404,
      `There is no call ${c.req.method} ${path}. The calls are listed in docs/api.md, beside the README.`,
    );
  if (file || isStaffArea(path)) return plain();
  const asked = languageOfPath(path);
  try {
    const settings = await readDistrictSettings(deps.db);
    const site =
      siteInLanguage(settings, deps.config.publicUrl, asked) ??
      siteInLanguage(settings, deps.config.publicUrl, undefined)!;
    const text = textOf(site);
    const words = publicWords(text, 404);
    return renderPage(
      c,
      <PublicLayout site={site} title={words.title}>
        <h1 class="page-title">{words.title}</h1>
        <p>{words.message}</p>
        <p>
          <a href={localPath(site, '/')}>{text.t('errors.home')}</a>
        </p>
      </PublicLayout>,
      404,
    );
  } catch (error) {
    deps.log.warn('the page saying an address leads nowhere could not be made; the plain one was sent', {
      path,
      error: (error as Error).message,
    });
    return plain();
  }
}

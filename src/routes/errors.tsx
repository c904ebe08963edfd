// Error pages: a sentence for people, never a stack trace; JSON for API clients.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isLanguage } from '../i18n/languages';
import { translator } from '../i18n/translate';
import { assetUrl } from '../views/assets';
import { renderPage } from '../views/render';

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  401: 'Please sign in',
  403: 'That was refused',
  404: 'Page not found',
  409: 'Someone else changed this first',
  413: 'That is too large',
  422: 'That cannot be done yet',
  429: 'Too many requests',
  500: 'Something went wrong',
  507: 'The server is out of space',
};

export function errorPage(c: Context, status: number, message: string) {
  const code = (status >= 400 && status < 600 ? status : 500) as ContentfulStatusCode;
  if (new URL(c.req.url).pathname.startsWith('/api/')) {
    const names: Record<number, string> = {
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
    return c.json({ error: { code: names[code] ?? String(code), message } }, code);
  }
  // A page under /es/ or /ar/ that is not there says so in that language (without the database: an error page
  // must render when it is unreachable, so any language with a catalog, offered or not).
  const asked = /^\/([a-z]{2})(?:\/|$)/.exec(new URL(c.req.url).pathname)?.[1] ?? '';
  const text = translator(code === 404 && isLanguage(asked) ? asked : 'en');
  const localized = text.lang !== 'en';
  const title = localized ? text.t('errors.notFoundTitle') : (TITLES[code] ?? 'Something went wrong');
  return renderPage(
    c,
    <html lang={text.lang} dir={text.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        {/* Unversioned: an error page must render without the database, and then the defaults stand. */}
        <link rel="stylesheet" href="/brand.css" />
      </head>
      <body>
        <main class="wrap" id="content">
          <h1 class="page-title">{title}</h1>
          <div class="message error">
            <p>{localized ? text.t('errors.notFound') : message}</p>
            <p>
              <a href={localized ? `/${text.lang}` : '/'}>{text.t('errors.home')}</a>
            </p>
          </div>
        </main>
      </body>
    </html>,
    code,
  );
}

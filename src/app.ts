// Builds the Hono app from injected dependencies: the same app serves Node and Workers.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { csrfProtection } from './auth/csrf';
import { sameOriginOnly } from './auth/same-origin';
import { loadSession } from './auth/session';
import type { AppDeps } from './deps';
import { translator } from './i18n/translate';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import type { AdminEnv } from './routes/admin/context';
import { apiRoutes } from './routes/api';
import { assetRoutes } from './routes/assets';
import { mediaRoutes } from './routes/media';
import { DISK_FULL_MESSAGE, isDiskFull } from './db/storage-errors';
import { errorPage, notFoundPage } from './routes/errors';
import { feedRoutes } from './routes/feeds';
import { flashCookies } from './routes/flash';
import { embedRoutes } from './routes/embed';
import { healthRoutes } from './routes/health';
import { publicRoutes } from './routes/public';
import { toPlainPublicPath, withoutTrailingSlash } from './routes/trailing-slash';
import { limitBody, publicAllowance, staffAllowance } from './routes/body-limits';
import { cachingHeaders, frameOptions, headContentLength, IMAGE_SOURCES } from './routes/response-headers';
import { subscribeRoutes } from './routes/subscribe';
import { ownerNoteRoutes } from './routes/owner-notes';

export interface BuildOptions {
  /** Extra routes mounted before the 404 handler (the demo district's local feeds). */
  extraRoutes?: Hono;
}

export function buildApp(deps: AppDeps, options: BuildOptions = {}): Hono {
  const app = new Hono();
  const https = deps.config.publicUrl.startsWith('https:');

  // Outermost first: each of these reads the answer as the ones inside it left it.
  app.use('*', headContentLength(), frameOptions(), cachingHeaders());
  app.use('*', toPlainPublicPath());
  app.use('*', withoutTrailingSlash());
  app.use('*', flashCookies(deps.config.publicUrl));
  app.use(
    '*',
    secureHeaders({
      overwrite: false, // a route that sets its own policy (the embed, the outbox preview) keeps it
      xFrameOptions: false, // frameOptions() derives it from each answer's frame-ancestors
      strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
      // No page asks for these; a script that got in could not either. Fullscreen stays, for class videos.
      permissionsPolicy: { camera: false, microphone: false, geolocation: false, payment: false, usb: false },
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: IMAGE_SOURCES,
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        frameSrc: ["'self'", 'https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    }),
  );

  // Before anything reads a body (forms, CSRF, JSON): the signed-in areas are limited once the session is known.
  app.use(
    '*',
    limitBody((c) => publicAllowance(c.req.path)),
  );

  app.route('/', assetRoutes(deps));
  app.route('/', mediaRoutes(deps));
  app.route('/api/v1', apiRoutes(deps));
  app.route('/', healthRoutes(deps));
  app.route('/', feedRoutes(deps));
  app.route('/', embedRoutes(deps));
  app.route('/', publicRoutes(deps));
  // Like /unsubscribe, outside the same-origin check: RFC 8058 one-click POSTs come from mail providers.
  app.route('/', ownerNoteRoutes(deps));
  // The same pages in each offered language but the district's own: /es/, /es/digests/DATE, /ar/archive, …
  app.route('/:lang{[a-z]{2}}', publicRoutes(deps));
  app.route('/:lang{[a-z]{2}}', feedRoutes(deps));
  app.route('/:lang{[a-z]{2}}', embedRoutes(deps));

  const forms = new Hono();
  forms.use('/subscribe', sameOriginOnly(deps.config.publicUrl));
  forms.use('/subscribe/*', sameOriginOnly(deps.config.publicUrl));
  forms.use('/preferences', sameOriginOnly(deps.config.publicUrl));
  forms.use('/preferences/*', sameOriginOnly(deps.config.publicUrl));
  // /unsubscribe is deliberately left out: RFC 8058 one-click POSTs come from mail providers, not our pages.
  forms.route('/', subscribeRoutes(deps));
  app.route('/', forms);
  // The sign-up lives at one address, as its form posts there; /es/subscribe, as a reader of /es/ would
  // guess it, is that address in Spanish.
  app.get('/:lang{[a-z]{2}}/subscribe', (c) => {
    const query = new URL(c.req.url).searchParams;
    query.set('lang', c.req.param('lang'));
    return c.redirect(`/subscribe?${query}`, 301);
  });

  const signedIn = new Hono<AdminEnv>();
  for (const path of ['/admin', '/admin/*', '/setup', '/set-password']) {
    signedIn.use(
      path,
      loadSession(deps),
      limitBody((c) => staffAllowance(c.req.path, !!c.get('session'))),
      csrfProtection(deps.config.publicUrl),
    );
  }
  signedIn.route('/', accountRoutes(deps));
  signedIn.route('/admin', adminRoutes(deps));
  app.route('/', signedIn);
  if (options.extraRoutes) app.route('/', options.extraRoutes);

  // The messages the desk's error pages show; public pages say their status's sentence in their language.
  const english = translator('en');
  app.notFound((c) => notFoundPage(c, deps));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return errorPage(c, error.status, error.message);
    if (isDiskFull(error)) {
      deps.log.error('the database could not grow: the disk (or its quota) is full', {
        path: new URL(c.req.url).pathname,
      });
      return errorPage(c, 507, DISK_FULL_MESSAGE);
    }
    deps.log.error('unhandled error in request', {
      path: new URL(c.req.url).pathname,
      error: error.stack ?? String(error),
    });
    return errorPage(c, 500, english.t('errors.failed'));
  });
  return app;
}

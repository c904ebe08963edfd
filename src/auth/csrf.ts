// CSRF protection for every form that changes something: the request's Origin (when the browser sends one)
// must be this site, and the form must carry the token bound to the session, or, before login, the token in
// a SameSite=Strict cookie (double submit). Public one-click unsubscribe is exempt; it is authenticated by
// its signed token instead.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { isForeignOrigin } from './same-origin';
import type { AuthVariables } from './session';
import { constantTimeEqual, randomToken } from './tokens';

export type CsrfVariables = AuthVariables & { csrfToken: string };

const COOKIE = 'yd_csrf';

export function csrfProtection(publicUrl: string): MiddlewareHandler<{ Variables: CsrfVariables }> {
  const allowedOrigins = new Set([new URL(publicUrl).origin]);
  return async (c, next) => {
    const session = c.get('session');
    let token = session?.csrfToken ?? getCookie(c, COOKIE);
    if (!token) {
      token = randomToken(24);
      setCookie(c, COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: publicUrl.startsWith('https:'),
      });
    }
    c.set('csrfToken', token);
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();

    const origins = new Set([...allowedOrigins, new URL(c.req.url).origin]);
    if (
      isForeignOrigin({ origin: c.req.header('origin'), fetchSite: c.req.header('sec-fetch-site') }, origins)
    )
      throw forbidden();
    const sent = await sentToken(c);
    if (!sent || !constantTimeEqual(sent, token)) throw forbidden();
    return next();
  };
}

async function sentToken(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!/application\/x-www-form-urlencoded|multipart\/form-data/.test(type)) return undefined;
  // A body that cannot be read has no token in it: refused like a form without one, not a 500.
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const value = body._csrf;
  return typeof value === 'string' ? value : undefined;
}

function forbidden(): HTTPException {
  return new HTTPException(403, {
    message: 'This form has expired or came from another site. Go back, reload the page and try again.',
  });
}

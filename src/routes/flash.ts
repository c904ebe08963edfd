// One-shot messages shown after a redirect (POST → redirect → GET), carried in a short-lived signed cookie.
// A message is cut to fit well inside a cookie (browsers and proxies drop larger ones, and the message with
// them), and the cookie is Secure when the site is served over https, as the session cookie is.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { base64url, sign, verifySignature } from '../auth/tokens';
import { truncateWords } from '../text/html-to-text';
import type { Flash } from '../views/admin-layout';

const COOKIE = 'yd_flash';

/**
 * The most UTF-8 bytes a message keeps. Encoded (JSON, base64) and signed, the cookie stays under about
 * 1.7 KB, far from the 4 KB browsers keep.
 */
export const MAX_FLASH_BYTES = 1200;

declare module 'hono' {
  interface ContextVariableMap {
    /** Whether cookies this site sets are Secure: PUBLIC_URL is https (set by flashCookies()). */
    secureCookies: boolean;
  }
}

/** Tells setFlash whether the site is served over https, as its PUBLIC_URL says. */
export function flashCookies(publicUrl: string): MiddlewareHandler {
  const secure = publicUrl.startsWith('https:');
  return async (c, next) => {
    c.set('secureCookies', secure);
    await next();
  };
}

/**
 * Text carried to the next page in a signed cookie (the signature names the cookie, so one cannot stand for
 * another): HttpOnly, SameSite=Lax, Secure when the site is served over https, for `maxAge` seconds.
 */
export async function setSignedCookie(
  c: Context,
  key: string,
  name: string,
  text: string,
  options: { path: string; maxAge: number },
): Promise<void> {
  const payload = base64url(new TextEncoder().encode(text));
  setCookie(c, name, `${payload}.${await sign(key, `${name}:${payload}`)}`, {
    ...options,
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secureCookies') === true,
  });
}

/** The text of a signed cookie (setSignedCookie), read once: the cookie is deleted, whatever it held. */
export async function takeSignedCookie(
  c: Context,
  key: string,
  name: string,
  path: string,
): Promise<string | undefined> {
  const value = getCookie(c, name);
  if (!value) return undefined;
  deleteCookie(c, name, { path, secure: c.get('secureCookies') === true });
  const [payload, signature] = value.split('.');
  if (!payload || !signature || !(await verifySignature(key, `${name}:${payload}`, signature)))
    return undefined;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (ch) =>
      ch.charCodeAt(0),
    );
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

export async function setFlash(c: Context, key: string, flash: Flash): Promise<void> {
  const message = { ...flash, text: fitted(flash.text) };
  await setSignedCookie(c, key, COOKIE, JSON.stringify(message), { path: '/', maxAge: 120 });
}

/** The message, cut at a word with an ellipsis when it is longer than a cookie should carry. */
function fitted(text: string): string {
  const bytes = (value: string) => new TextEncoder().encode(value).length;
  let fitting = text;
  while (bytes(fitting) > MAX_FLASH_BYTES)
    fitting = truncateWords(fitting, Math.floor(Math.min(fitting.length, MAX_FLASH_BYTES) * 0.9));
  return fitting;
}

export async function takeFlash(c: Context, key: string): Promise<Flash | undefined> {
  const text = await takeSignedCookie(c, key, COOKIE, '/');
  if (text === undefined) return undefined;
  try {
    const flash = JSON.parse(text) as Flash;
    if (typeof flash.text !== 'string' || !['ok', 'error', 'info'].includes(flash.kind)) return undefined;
    const { link } = flash;
    const linkFits =
      typeof link?.label === 'string' && typeof link.href === 'string' && /^#[\w-]{1,80}$/.test(link.href);
    return { kind: flash.kind, text: flash.text, ...(linkFits ? { link } : {}) };
  } catch {
    return undefined;
  }
}

/** Sets a flash and answers a 303 redirect, the end of every admin form handler. */
export async function redirectWith(
  c: Context,
  key: string,
  location: string,
  flash: Flash,
): Promise<Response> {
  await setFlash(c, key, flash);
  return c.redirect(location, 303);
}

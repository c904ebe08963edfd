// One-shot messages shown after a redirect (POST → redirect → GET), carried in a short-lived signed cookie.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { base64url, sign, verifySignature } from '../auth/tokens';
import type { Flash } from '../views/admin-layout';

const COOKIE = 'yd_flash';

export async function setFlash(c: Context, key: string, flash: Flash): Promise<void> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify(flash)));
  setCookie(c, COOKIE, `${payload}.${await sign(key, `flash:${payload}`)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    maxAge: 120,
  });
}

export async function takeFlash(c: Context, key: string): Promise<Flash | undefined> {
  const value = getCookie(c, COOKIE);
  if (!value) return undefined;
  deleteCookie(c, COOKIE, { path: '/' });
  const [payload, signature] = value.split('.');
  if (!payload || !signature || !(await verifySignature(key, `flash:${payload}`, signature)))
    return undefined;
  try {
    const text = new TextDecoder().decode(
      Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0)),
    );
    const flash = JSON.parse(text) as Flash;
    return typeof flash.text === 'string' && ['ok', 'error', 'info'].includes(flash.kind) ? flash : undefined;
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

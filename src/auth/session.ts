// Admin sessions: an opaque random cookie (HttpOnly, SameSite=Lax, Secure and __Host- behind https) whose
// SHA-256 is the database key. Sessions end after 12 idle hours or 7 days, whichever comes first.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Session } from '../db/sessions';
import { deleteSession, findLiveSession, insertSession, touchSession } from '../db/sessions';
import type { Role, User } from '../db/users';
import type { AppDeps } from '../deps';
import { randomToken, sha256Hex } from './tokens';

export const IDLE_TIMEOUT_MS = 12 * 60 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60_000;
const TOUCH_EVERY_MS = 5 * 60_000;

export type AuthVariables = { user: User | undefined; session: Session | undefined };

export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith('https:') ? '__Host-yd_session' : 'yd_session';
}

function cookieOptions(publicUrl: string, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: publicUrl.startsWith('https:'),
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Loads the session named by the cookie, if live, into c.var.user / c.var.session. */
export function loadSession(deps: AppDeps): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(deps.config.publicUrl));
    c.set('user', undefined);
    c.set('session', undefined);
    if (token && token.length < 200) {
      const now = deps.clock.now();
      const found = await findLiveSession(deps.db, await sha256Hex(token), now);
      if (found) {
        c.set('user', found.user);
        c.set('session', found.session);
        if (now - found.session.lastSeenAt > TOUCH_EVERY_MS) {
          const expiresAt = Math.min(found.session.createdAt + ABSOLUTE_TIMEOUT_MS, now + IDLE_TIMEOUT_MS);
          await touchSession(deps.db, found.session.idHash, now, expiresAt);
        }
      }
    }
    await next();
  };
}

export async function startSession(deps: AppDeps, c: Context, user: User, ip: string | null): Promise<void> {
  const token = randomToken(32);
  const now = deps.clock.now();
  await insertSession(deps.db, {
    idHash: await sha256Hex(token),
    userId: user.id,
    csrfToken: randomToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + IDLE_TIMEOUT_MS,
    ip,
    userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
  });
  setCookie(
    c,
    sessionCookieName(deps.config.publicUrl),
    token,
    cookieOptions(deps.config.publicUrl, ABSOLUTE_TIMEOUT_MS / 1000),
  );
}

export async function endSession(deps: AppDeps, c: Context, session: Session | undefined): Promise<void> {
  if (session) await deleteSession(deps.db, session.idHash);
  deleteCookie(c, sessionCookieName(deps.config.publicUrl), cookieOptions(deps.config.publicUrl));
}

const RANK: Record<Role, number> = { contributor: 1, editor: 2, admin: 3 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function hasRole(user: User, needed: Role): boolean {
  return roleAtLeast(user.role, needed);
}

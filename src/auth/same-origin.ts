// Refuses state-changing requests that a browser sent from another site. Browsers always send Origin (and
// Sec-Fetch-Site) on cross-site form posts; requests without them are not from a browser form, so they
// cannot be cross-site request forgery.
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

export function isForeignOrigin(
  headers: { origin?: string; fetchSite?: string },
  allowed: Set<string>,
): boolean {
  if (headers.fetchSite === 'cross-site') return true;
  return !!headers.origin && headers.origin !== 'null' && !allowed.has(headers.origin);
}

export function sameOriginOnly(publicUrl: string): MiddlewareHandler {
  const allowed = new Set([new URL(publicUrl).origin]);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
      const requestOrigin = new URL(c.req.url).origin;
      const origin = c.req.header('origin');
      if (
        isForeignOrigin(
          { origin, fetchSite: c.req.header('sec-fetch-site') },
          new Set([...allowed, requestOrigin]),
        )
      ) {
        throw new HTTPException(403, {
          message: 'This form was sent from another website, so it was refused.',
        });
      }
    }
    await next();
  };
}

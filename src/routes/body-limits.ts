// How large a request body may be, by who sends it and where, enforced by hono/body-limit before anything
// reads the body: from Content-Length when it is given, and while the body streams in when it is not.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { t } from '../i18n/desk-text';
import { translator } from '../i18n/translate';
import { errorPage } from './errors';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Anything anyone can send without signing in: the subscribe, preferences and sign-in forms. */
export const PUBLIC_BODY_LIMIT = 64 * KiB;

/**
 * The JSON API. Its largest real body is a full digest or translation: 200 entries of up to 1,700 characters
 * of headline, blurb and alt text, which in a non-Latin script is about 1.2 MB of UTF-8. A token is checked
 * before the body is read, so only token holders can send this much.
 */
export const API_BODY_LIMIT = 2 * MiB;

/**
 * Signed-in staff's forms: the desk posts every entry of a digest at once, percent-encoded (up to 9 bytes a
 * character), and settings take long texts.
 */
export const STAFF_FORM_LIMIT = 4 * MiB;

/** Room a multipart form needs beside its file: the part headers and the other fields. */
const FORM_ROOM = 64 * KiB;

/**
 * Uploads under the admin, each with the largest file its own handler accepts, and room for it to come back
 * as text: the subscriber import asks before it writes, and the answer carries the addresses read, in which a
 * browser writes every line break as two characters.
 */
const UPLOADS: Record<string, { bytes: number; label: string; carried?: number }> = {
  '/admin/subscribers/import': { bytes: 10 * MiB, label: '10 MB', carried: 2 * MiB },
  '/admin/sources/import': { bytes: 5 * MiB, label: '5 MB' },
  '/admin/settings/roster': { bytes: 2 * MiB, label: '2 MB' },
  '/admin/settings/no-release': { bytes: 2 * MiB, label: '2 MB' },
  '/admin/settings/logo': { bytes: 500 * KiB, label: '500 KB' },
};

export interface BodyAllowance {
  maxSize: number;
  /** The sentence a 413 answer carries. */
  message: string;
}

/** The label of PUBLIC_BODY_LIMIT in sentences. */
export const PUBLIC_LIMIT_LABEL = '64 KB';

/** The sentence of a public page's 413 in English (error pages under /LANG/ say it in their language). */
const PUBLIC_MESSAGE = translator('en').t('errors.tooLarge', { limit: PUBLIC_LIMIT_LABEL });

/** What the public and API areas take; undefined for the signed-in areas, which decide after the session. */
export function publicAllowance(path: string): BodyAllowance | undefined {
  if (isStaffArea(path)) return undefined;
  if (path.startsWith('/api/')) {
    return {
      maxSize: API_BODY_LIMIT,
      message:
        'The request body is larger than 2 MB. A whole digest is far smaller; send one digest at a time.',
    };
  }
  return { maxSize: PUBLIC_BODY_LIMIT, message: PUBLIC_MESSAGE };
}

/** What the signed-in areas take: as the public forms before sign-in, more for staff, most for uploads. */
export function staffAllowance(path: string, signedIn: boolean): BodyAllowance {
  if (!signedIn) return { maxSize: PUBLIC_BODY_LIMIT, message: PUBLIC_MESSAGE };
  const upload = UPLOADS[path.replace(/\/+$/, '')];
  if (upload)
    return {
      maxSize: upload.bytes + (upload.carried ?? 0) + FORM_ROOM,
      message: t('desk.errors.fileTooLarge', { limit: upload.label }),
    };
  return {
    maxSize: STAFF_FORM_LIMIT,
    message: t('desk.errors.formTooLarge'),
  };
}

export function isStaffArea(path: string): boolean {
  return (
    path === '/admin' ||
    path.startsWith('/admin/') ||
    path === '/setup' ||
    path.startsWith('/setup/') ||
    path === '/set-password' ||
    path.startsWith('/set-password/')
  );
}

/**
 * Limits the body to what `allowance` says for this request (none: left to a later limit). The 413 answer
 * closes the connection, so a client still sending is not read to the end.
 */
export function limitBody(allowance: (c: Context) => BodyAllowance | undefined): MiddlewareHandler {
  return async (c, next) => {
    const allowed = allowance(c);
    if (!allowed) return next();
    return bodyLimit({
      maxSize: allowed.maxSize,
      onError: (c) => {
        c.header('Connection', 'close');
        return errorPage(c, 413, allowed.message);
      },
    })(c, next);
  };
}

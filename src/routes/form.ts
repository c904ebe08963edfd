// Reading submitted forms: trimmed strings, repeated fields, checkboxes. Every string is cleaned
// (text/clean-text.ts) as it is read, so nothing typed into a form can carry a control character into storage.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { cleanText } from '../text/clean-text';

export type FormBody = Record<string, string | File | (string | File)[]>;

/** The form sent; a body that is not a readable form (a cut-off multipart upload, say) is a 400, not a 500. */
export async function readForm(c: Context): Promise<FormBody> {
  try {
    return (await c.req.parseBody({ all: true })) as FormBody;
  } catch (error) {
    if (error instanceof HTTPException) throw error;
    throw new HTTPException(400, {
      message: 'The form could not be read: it arrived incomplete or garbled. Go back and send it again.',
    });
  }
}

export function field(body: FormBody, name: string, maxLength = 10_000): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? cleanText(first).trim().slice(0, maxLength) : '';
}

/**
 * A password as typed (trimmed, as it always was): it is hashed, never stored or shown, so it is not cleaned,
 * and a password chosen before text was cleaned still signs in.
 */
export function secretField(body: FormBody, name: string, maxLength = 1024): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, maxLength) : '';
}

export function fields(body: FormBody, name: string): string[] {
  const value = body[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === 'string').map((v) => cleanText(v).trim());
}

export function checkbox(body: FormBody, name: string): boolean {
  return field(body, name) !== '';
}

/** Only same-site paths are followed after login, never another site. */
export function safeNextPath(value: string | undefined, fallback: string): string {
  return value && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) && !value.includes('\\') ? value : fallback;
}

// An HTTP client for tests that keeps cookies like a browser and reads forms' CSRF tokens.
import { unescapeHtml } from '../src/text/escape';
export interface Client {
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(
    path: string,
    form: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** The value of the hidden _csrf field in the page at `path`. */
  csrf(path: string): Promise<string>;
  cookies: Map<string, string>;
}

export function createClient(baseUrl: string): Client {
  const cookies = new Map<string, string>();
  const origin = new URL(baseUrl).origin;
  const request = async (path: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(path, baseUrl), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      if (expired) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
    }
    return response;
  };
  const client: Client = {
    cookies,
    get: (path, headers = {}) => request(path, { headers }),
    post: (path, form, headers = {}) => {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(form))
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      return request(path, {
        method: 'POST',
        body,
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    },
    async csrf(path) {
      const page = await (await client.get(path)).text();
      const match = /name="_csrf" value="([^"]+)"/.exec(page);
      if (!match) throw new Error(`no CSRF field on ${path}`);
      return match[1]!;
    },
  };
  return client;
}

/**
 * The fields a browser would post from the form markup `html`: every named input, and radio buttons and check
 * boxes only when checked. Buttons are left to the caller, who knows which one was pressed.
 */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input[^>]*>/g)) {
    const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(input)?.[1];
    const name = attribute('name');
    const type = attribute('type');
    if (!name || ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(input))) continue;
    fields[name] = unescapeHtml(attribute('value') ?? '');
  }
  return fields;
}

/** The message a redirect carries to the next page: the payload of its signed flash cookie, if it sets one. */
export function flashOf(response: Response): { kind: string; text: string } | undefined {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('yd_flash='));
  const payload = cookie?.slice('yd_flash='.length).split(';')[0]!.split('.')[0];
  return payload
    ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { kind: string; text: string })
    : undefined;
}

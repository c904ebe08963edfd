// The subscriber import as a browser goes through it: the Subscribers page's form sends the file, the page
// that answers says what the import would do, and its button sends the addresses read back to do it.
import { expect } from 'vitest';
import { formFields, type Client } from './browser-client';
import type { TestApp } from './test-app';

const ACTION = '/admin/subscribers/import';

function cookieOf(client: Client): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Sends a CSV file (its text, or its bytes as written) from the Subscribers page's import form (with an attestation, its box ticked). */
export async function chooseImportFile(
  app: TestApp,
  client: Client,
  csv: string | Uint8Array<ArrayBuffer>,
  attestation?: string,
): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', await client.csrf('/admin/subscribers'));
  form.set('file', new File([csv], 'parents.csv', { type: 'text/csv' }));
  if (attestation !== undefined) {
    form.set('attest', 'on');
    form.set('attestation', attestation);
  }
  return fetch(`${app.url}${ACTION}`, {
    method: 'POST',
    body: form,
    headers: { origin: app.url, cookie: cookieOf(client) },
    redirect: 'manual',
  });
}

/** The review form's markup in a page, or a failed expectation saying the page asks nothing. */
export function reviewForm(page: string): string {
  const start = page.indexOf(`action="${ACTION}#top"`);
  expect(start, 'the page asks whether to go ahead with the import').toBeGreaterThan(0);
  return page.slice(page.lastIndexOf('<form', start), page.indexOf('</form>', start));
}

/** Presses the review page's button: its fields, the addresses read among them, sent as a browser sends them. */
export async function goAhead(
  app: TestApp,
  client: Client,
  page: string,
  change: (fields: Record<string, string>) => void = () => {},
): Promise<Response> {
  const fields = formFields(reviewForm(page));
  change(fields);
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const response = await fetch(`${app.url}${ACTION}`, {
    method: 'POST',
    body: form,
    headers: { origin: app.url, cookie: cookieOf(client) },
    redirect: 'manual',
  });
  for (const line of response.headers.getSetCookie()) {
    const [name, ...value] = line.split(';')[0]!.split('=');
    client.cookies.set(name!.trim(), value.join('='));
  }
  return response;
}

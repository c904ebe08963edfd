// One district day as scenarios that run unchanged on Node (better-sqlite3, SMTP) and in workerd (D1,
// Postmark's API, cron and queue), so the two runtimes cannot drift apart. Each runtime supplies a Harness;
// the scenarios run in order and build on each other, like a district's first morning.
import { expect } from 'vitest';
import type { PasswordHasher } from '../../src/auth/password';
import type { Database } from '../../src/db/client';
import { insertUser } from '../../src/db/users';
import { scenarioDay } from './local-feed';

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface Harness {
  runtime: 'node' | 'workerd';
  /** A request to the app; `path` starts with /. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  db: Database;
  /** PUBLIC_URL: forms are posted from this origin. */
  publicUrl: string;
  passwords: PasswordHasher;
  /** The local feed with one post on scenarioDay(). */
  feedUrl: string;
  /** What the runtime does on its schedule: check due feeds, publish what is due, send pending email. */
  runScheduled(): Promise<void>;
  /** Every email that left through the runtime's mailer, oldest first. */
  sentEmails(): Promise<SentEmail[]>;
  /** What the background sender does once a request has queued email (a confirmation, a password link). */
  sendQueuedMail(): Promise<void>;
}

export interface Scenario {
  name: string;
  run(h: Harness, state: ScenarioState): Promise<void>;
}

export interface ScenarioState {
  cookies: Map<string, string>;
  apiToken?: string;
  itemId?: number;
}

const ADMIN = { email: 'coordinator@district.example', password: 'a long district password' };
const PARENT = 'parent@family.example';
const TIMEOUT = { timeout: 20_000, interval: 100 };
const CORRECTION_NOTE = 'We first said the first grade planted the bulbs. It was the second grade.';
/** The day's digest email: neither the address confirmation nor a correction. */
const isDigest = (m: SentEmail) => !/confirm|^Correction:/i.test(m.subject);

function keepCookies(state: ScenarioState, response: Response) {
  // getSetCookie() is in Node and workerd; the Workers type declarations do not list it yet.
  const lines = (response.headers as Headers & { getSetCookie(): string[] }).getSetCookie();
  for (const line of lines) {
    const [name, ...value] = line.split(';')[0]!.split('=');
    state.cookies.set(name!.trim(), value.join('='));
  }
}

/** Every delivery's state, oldest first. */
const deliveryStates = (h: Harness) => async () =>
  (await h.db.query<{ state: string }>('select state from deliveries order by id', [])).map((d) => d.state);

const cookieHeader = (state: ScenarioState) => [...state.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

async function formPost(h: Harness, state: ScenarioState, path: string, form: Record<string, string>) {
  const response = await h.fetch(path, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: {
      origin: h.publicUrl,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(state),
    },
    redirect: 'manual',
  });
  keepCookies(state, response);
  return response;
}

async function csrfOf(h: Harness, state: ScenarioState, path: string): Promise<string> {
  const response = await h.fetch(path, { headers: { cookie: cookieHeader(state) } });
  keepCookies(state, response);
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (!token) throw new Error(`no CSRF field on ${path}`);
  return token;
}

const api = (
  h: Harness,
  state: ScenarioState,
  path: string,
  init: { method?: string; body?: unknown } = {},
) =>
  h.fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${state.apiToken}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

export const districtDay: Scenario[] = [
  {
    name: 'serves the public pages and an empty feed before anything is published',
    async run(h) {
      const home = await h.fetch('/');
      expect(home.status).toBe(200);
      expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await home.text()).toContain('What happened yesterday');
      const feed = await h.fetch('/feed.xml');
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('xml');
      expect(await feed.text()).toContain('<rss');
      expect((await h.fetch('/healthz')).status).toBe(200);
    },
  },
  {
    name: 'signs an administrator in, and refuses a wrong password',
    async run(h, state) {
      await insertUser(
        h.db,
        {
          email: ADMIN.email,
          name: 'Coordinator',
          role: 'admin',
          passwordHash: await h.passwords.hash(ADMIN.password),
        },
        Date.now(),
      );
      const wrong = await formPost(h, state, '/admin/login', {
        _csrf: await csrfOf(h, state, '/admin/login'),
        email: ADMIN.email,
        password: 'not the password at all',
      });
      expect(wrong.status).not.toBe(303);
      const right = await formPost(h, state, '/admin/login', {
        _csrf: await csrfOf(h, state, '/admin/login'),
        email: ADMIN.email,
        password: ADMIN.password,
      });
      expect(right.status).toBe(303);
      const inbox = await h.fetch('/admin/inbox', { headers: { cookie: cookieHeader(state) } });
      expect(inbox.status).toBe(200);
      expect(await inbox.text()).toContain(ADMIN.email);

      // An API token for the rest, made on the People page as an administrator would.
      const made = await formPost(h, state, '/admin/users/tokens', {
        _csrf: await csrfOf(h, state, '/admin/users'),
        name: 'scenario',
        role: 'editor',
      });
      expect(made.status).toBe(200);
      const page = await made.text();
      state.apiToken = /(yd_[A-Za-z0-9_-]+)/.exec(page)?.[1];
      expect(state.apiToken).toBeDefined();
    },
  },
  {
    name: 'lets a parent subscribe and confirm with the button, never by the link alone',
    async run(h, state) {
      // A mistyped provider is asked about first, and nothing is stored or sent until it is answered.
      const mistyped = await formPost(h, state, '/subscribe', { email: 'parent@gmial.com' });
      expect(mistyped.status).toBe(200);
      expect(await mistyped.text()).toContain('Did you mean parent@gmail.com? Nothing has been sent yet.');
      expect(await h.db.query('select id from subscribers where email like ?', ['parent@gm%'])).toEqual([]);
      const asked = await formPost(h, state, '/subscribe', { email: PARENT });
      expect(asked.status).toBe(303);
      // The request only queued the confirmation; the background sender sends it.
      await h.sendQueuedMail();
      const toParent = async () => (await h.sentEmails()).find((m) => m.to === PARENT);
      await expect.poll(toParent, TIMEOUT).toBeDefined();
      const confirm = await toParent();
      expect(confirm?.subject).toMatch(/confirm/i);
      const link = /(https?:\/\/\S+\/subscribe\/confirm\?token=[\w.-]+)/.exec(confirm!.text)?.[1];
      expect(link).toBeDefined();
      const path = new URL(link!).pathname + new URL(link!).search;
      expect((await h.fetch(path)).status).toBe(200);
      const pending = await h.db.query<{ status: string }>('select status from subscribers where email = ?', [
        PARENT,
      ]);
      expect(pending[0]?.status).toBe('pending');
      expect((await formPost(h, state, path, {})).status).toBe(303); // to the thanks, so a reload sends nothing
      const confirmed = await h.db.query<{ status: string }>(
        'select status from subscribers where email = ?',
        [PARENT],
      );
      expect(confirmed[0]?.status).toBe('confirmed');
    },
  },
  {
    name: 'reads a class feed on the schedule',
    async run(h, state) {
      const added = await api(h, state, '/sources', {
        method: 'POST',
        body: { url: h.feedUrl, school: 'Lincoln Elementary', owner_name: 'Ms. Rivera', media_release: true },
      });
      expect(added.status).toBe(201);
      await h.runScheduled();
      const { date } = scenarioDay();
      await expect
        .poll(async () => {
          const answer = (await (await api(h, state, `/items?date=${date}`)).json()) as {
            items: { id: number; title: string }[];
          };
          state.itemId = answer.items[0]?.id;
          return answer.items.map((i) => i.title);
        }, TIMEOUT)
        .toEqual(['Tulip bulbs by the front door']);
    },
  },
  {
    name: 'publishes the day to the blog and the feeds',
    async run(h, state) {
      const { date } = scenarioDay();
      const saved = await api(h, state, `/digests/${date}`, {
        method: 'PUT',
        body: { intro: 'Spring is coming to Lincoln.', entries: [{ item_id: state.itemId }], version: 0 },
      });
      expect(saved.status).toBe(200);
      const published = await api(h, state, `/digests/${date}/publish`, { method: 'POST', body: {} });
      expect(published.status).toBe(200);
      expect(((await published.json()) as { queued_emails: number }).queued_emails).toBe(1);
      // Publishing twice changes nothing.
      expect((await api(h, state, `/digests/${date}/publish`, { method: 'POST', body: {} })).status).toBe(
        409,
      );
      const page = await h.fetch(`/digests/${date}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Tulip bulbs by the front door');
      expect(await (await h.fetch('/feed.xml')).text()).toContain('Tulip bulbs by the front door');
      expect(await (await h.fetch('/feed.json')).text()).toContain('Spring is coming to Lincoln.');
      const embed = await h.fetch('/embed');
      expect(embed.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
      expect(await embed.text()).toContain('Tulip bulbs by the front door');
    },
  },
  {
    name: 'sends the digest email once, with one-click unsubscribe, however often the schedule runs',
    async run(h) {
      await h.runScheduled();
      const digestTo = async () => (await h.sentEmails()).filter((m) => m.to === PARENT && isDigest(m));
      await expect.poll(async () => (await digestTo()).length, TIMEOUT).toBe(1);
      const [email] = await digestTo();
      expect(email!.text).toContain('Tulip bulbs by the front door');
      expect(email!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(email!.headers['list-unsubscribe']).toMatch(/^<https?:\/\/.+\/unsubscribe\?token=/);
      // In workerd the queue's consumer records the send just after the email leaves: polled, not read once.
      await expect.poll(deliveryStates(h), TIMEOUT).toEqual(['sent']);

      await h.runScheduled();
      await h.runScheduled();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await digestTo()).toHaveLength(1);
      // What no timing can hide: nothing more was queued, and the one delivery was not sent again.
      expect(await deliveryStates(h)()).toEqual(['sent']);
    },
  },
  {
    name: 'corrects the published day where it was read, and emails the correction once to the parent who got it',
    async run(h, state) {
      const { date } = scenarioDay();
      const corrected = await api(h, state, `/digests/${date}/corrections`, {
        method: 'POST',
        body: {
          entries: [{ item_id: state.itemId, blurb: 'The second grade planted them on Monday.' }],
          note: CORRECTION_NOTE,
          email: true,
        },
      });
      expect(corrected.status).toBe(200);
      expect(((await corrected.json()) as { queued_emails: number }).queued_emails).toBe(1);
      for (const path of [`/digests/${date}`, '/feed.xml', '/feed.json', '/embed'])
        expect(await (await h.fetch(path)).text(), path).toContain(CORRECTION_NOTE);
      expect(await (await h.fetch(`/digests/${date}`)).text()).toContain(
        'The second grade planted them on Monday.',
      );

      await h.runScheduled();
      const correctionTo = async () =>
        (await h.sentEmails()).filter((m) => m.to === PARENT && /^Correction:/.test(m.subject));
      await expect.poll(async () => (await correctionTo()).length, TIMEOUT).toBe(1);
      const [email] = await correctionTo();
      expect(email!.text).toContain(CORRECTION_NOTE);
      expect(email!.text).toContain(`/digests/${date}`);
      expect(email!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      await expect.poll(deliveryStates(h), TIMEOUT).toEqual(['sent', 'sent']);

      await h.runScheduled();
      await h.runScheduled();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await correctionTo()).toHaveLength(1);
      expect((await h.sentEmails()).filter((m) => m.to === PARENT && isDigest(m))).toHaveLength(1);
      expect(await deliveryStates(h)()).toEqual(['sent', 'sent']);
    },
  },
  {
    name: "unsubscribes with the mail program's one-click button, without a cookie or a form",
    async run(h) {
      const email = (await h.sentEmails()).find((m) => m.to === PARENT && isDigest(m));
      // The mail program's unsubscribe button: a POST without cookies or CSRF token (RFC 8058).
      const unsubscribe = new URL(email!.headers['list-unsubscribe']!.slice(1, -1));
      const left = await h.fetch(unsubscribe.pathname + unsubscribe.search, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(left.status).toBe(200);
      const after = await h.db.query<{ status: string }>('select status from subscribers where email = ?', [
        PARENT,
      ]);
      expect(after[0]?.status).toBe('unsubscribed');
      // Pressed by mistake: the unsubscribe page takes it back with one press, for a day.
      const page = await (await h.fetch(unsubscribe.pathname + unsubscribe.search)).text();
      expect(page).toContain('Unsubscribed by mistake?');
      const undo = `/unsubscribe/undo${unsubscribe.search}`;
      expect(page).toContain(`action="${undo.replace(/&/g, '&amp;')}"`);
      const back = await h.fetch(undo, { method: 'POST', redirect: 'manual' });
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe(`${unsubscribe.pathname}${unsubscribe.search}&again=1`);
      const again = await h.db.query<{ status: string }>('select status from subscribers where email = ?', [
        PARENT,
      ]);
      expect(again[0]?.status).toBe('confirmed');
      // And left again, as the scenarios after this one expect.
      await h.fetch(unsubscribe.pathname + unsubscribe.search, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
  },
];

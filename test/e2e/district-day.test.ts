// One district day end to end, over real HTTP, a real SQLite file and a real SMTP server: first-run setup,
// add a teacher's feed, fetch it, subscribe a parent (double opt-in), select and publish, then read the
// blog, the RSS feed (parsed) and the email (both parts), and unsubscribe with one click.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupLinkIfNeeded } from '../../src/auth/one-time-links';
import { findSubscriberByEmail } from '../../src/db/subscribers';
import { createClient } from '../browser-client';
import { startTestServer, serveBody, type TestServer } from '../http-server';
import { rawHeader, startSmtpSink, type SmtpSink } from '../smtp-sink';
import { startTestApp, type TestApp, publishFromDesk } from '../test-app';

const classFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Mrs. Rivera's Second Grade</title>
  <link>https://rivera.example/</link>
  <item>
    <title>Our bean plants sprouted!</title>
    <link>https://rivera.example/2026/11/20/beans/</link>
    <guid isPermaLink="false">https://rivera.example/?p=101</guid>
    <pubDate>Fri, 20 Nov 2026 16:15:00 +0000</pubDate>
    <dc:creator>Mrs. Rivera</dc:creator>
    <content:encoded><![CDATA[<p>Every bean in our window garden has <b>sprouted</b>.</p><script>alert(1)</script>]]></content:encoded>
  </item>
  <item>
    <title>Reading buddies</title>
    <link>https://rivera.example/2026/11/20/buddies/</link>
    <pubDate>Fri, 20 Nov 2026 20:40:00 +0000</pubDate>
    <description>Second graders read with fifth-grade buddies.</description>
  </item>
  <item>
    <title>Late-night post (still the 20th in Chicago)</title>
    <link>https://rivera.example/2026/11/20/late/</link>
    <pubDate>Sat, 21 Nov 2026 05:30:00 +0000</pubDate>
    <description>Posted at 11:30 pm Chicago time.</description>
  </item>
  <item>
    <title>Thursday's post</title>
    <link>https://rivera.example/2026/11/19/thursday/</link>
    <pubDate>Thu, 19 Nov 2026 17:00:00 +0000</pubDate>
    <description>The day before.</description>
  </item>
</channel>
</rss>`;

describe('a district day, end to end', () => {
  let app: TestApp;
  let feeds: TestServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    feeds = await startTestServer();
    feeds.route('/feed/', serveBody(classFeed, 'application/rss+xml; charset=utf-8'));
    smtp = await startSmtpSink();
    app = await startTestApp({ env: { SMTP_URL: smtp.url }, scheduler: true });
  });

  afterAll(async () => {
    await app.close();
    await feeds.close();
    await smtp.close();
  });

  const coordinator = () => createClient(app.url);
  let admin: ReturnType<typeof createClient>;

  it('creates the first admin through the one-time setup link, which then stops working', async () => {
    const link = await setupLinkIfNeeded(app.runtime.deps.db, app.config.publicUrl, app.clock.now());
    expect(link).toMatch(/\/setup\?token=/);
    admin = coordinator();
    const path = new URL(link!).pathname + new URL(link!).search;
    const csrf = await admin.csrf(path);
    const response = await admin.post(path, {
      _csrf: csrf,
      name: 'Dana Coordinator',
      email: 'dana@district.example',
      password: 'a long enough password',
      confirm: 'a long enough password',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/sources');
    const again = await coordinator().get(path);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('the district has one now, so it no longer works');
  });

  it('adds a teacher feed and fetches it; the items appear in the inbox for their local day', async () => {
    const csrf = await admin.csrf('/admin/sources');
    const added = await admin.post('/admin/sources', {
      _csrf: csrf,
      url: `${feeds.url}/feed/`,
      school: 'Lincoln Elementary',
      authorized_by: 'Dana Hayes, Principal',
      media_release: '1',
    });
    expect(added.status).toBe(303);
    const page = await (await admin.get('/admin/sources')).text();
    expect(page).toContain('Read 4 posts, 4 new.');
    expect(page).toContain('Mrs. Rivera&#39;s Second Grade');

    const inbox = await (await admin.get('/admin/inbox?date=2026-11-20')).text();
    expect(inbox).toContain('Our bean plants sprouted!');
    expect(inbox).toContain('Reading buddies');
    expect(inbox).toContain('Late-night post (still the 20th in Chicago)');
    expect(inbox).not.toContain('Thursday&#39;s post');
    const defaultDay = await (await admin.get('/admin/inbox')).text();
    expect(defaultDay).toContain('Inbox for Friday, November 20, 2026');
  });

  it('lets a parent subscribe; the GET of the confirm link changes nothing, its button confirms', async () => {
    const parent = createClient(app.url);
    const response = await parent.post('/subscribe', { email: 'parent@family.example' });
    expect(response.status).toBe(303);
    const [confirmMail] = await smtp.waitFor(1);
    expect(confirmMail!.envelopeTo).toEqual(['parent@family.example']);
    const link = /https?:\/\/\S+\/subscribe\/confirm\?token=[\w.-]+/.exec(confirmMail!.parsed.text ?? '')![0];
    const confirmPath = new URL(link).pathname + new URL(link).search;

    const page = await parent.get(confirmPath);
    expect(await page.text()).toContain('Confirm my subscription');
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example'))!.status).toBe(
      'pending',
    );

    const confirmed = await parent.post(confirmPath, {});
    expect(confirmed.status).toBe(303); // to the thanks, so a reload sends nothing
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example'))!.status).toBe(
      'confirmed',
    );
  });

  it('publishes the selected items with an intro; the blog, the feed and the email all carry them', async () => {
    const inbox = await (await admin.get('/admin/inbox?date=2026-11-20')).text();
    // Each post in the day's list has an "Add to digest" button naming its id; take all but one.
    const posts = [
      ...inbox.matchAll(
        /<h4>([^<]+)(?:<span[^>]*>[^<]*<\/span>)?<\/h4>[\s\S]*?formaction="\/admin\/inbox\/2026-11-20\/entries\/(\d+)\/add"/g,
      ),
    ].map((m) => ({ title: m[1]!, id: m[2]! }));
    expect(posts.map((p) => p.title)).toContain('Reading buddies');
    const chosen = posts.filter((p) => p.title !== 'Reading buddies').map((p) => p.id);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(inbox)![1]!;
    const published = await publishFromDesk(admin, '2026-11-20', {
      _csrf: csrf,
      version: '0',
      entry: chosen,
      title: '',
      intro: 'Beans, books and a late night.',
    });
    expect(published.status).toBe(303);
    const after = await (await admin.get('/admin/inbox?date=2026-11-20')).text();
    expect(after).toContain('Published. 1 email is on the way to subscribers.');

    const home = await (await fetch(`${app.url}/`)).text();
    expect(home).toContain('Beans, books and a late night.');
    expect(home).toContain('Our bean plants sprouted!');
    expect(home).not.toContain('Reading buddies');
    const digestPage = await fetch(`${app.url}/digests/2026-11-20`);
    expect(digestPage.status).toBe(200);
    expect(await digestPage.text()).toContain('Friday, November 20, 2026');

    const feedResponse = await fetch(`${app.url}/feed.xml`);
    expect(feedResponse.headers.get('content-type')).toContain('application/rss+xml');
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await feedResponse.text());
    const item = feed.rss.channel.item;
    expect(feed.rss.channel['atom:link']['@_rel']).toBe('self');
    expect(item.link).toBe(`${app.url}/digests/2026-11-20`);
    expect(item.guid['#text']).toBe(`${app.url}/digests/2026-11-20`);
    expect(item['content:encoded']).toContain('Our bean plants sprouted!');
    expect(item['content:encoded']).not.toContain('<script');
    expect(item['content:encoded']).not.toContain('Reading buddies');

    const mails = await smtp.waitFor(2);
    const digest = mails[1]!;
    expect(digest.envelopeTo).toEqual(['parent@family.example']);
    expect(digest.parsed.subject).toBe('What happened yesterday · Friday, November 20, 2026');
    expect(digest.parsed.html).toContain('Our bean plants sprouted!');
    expect(digest.parsed.html).toContain('Beans, books and a late night.');
    expect(digest.parsed.text).toContain('Our bean plants sprouted!');
    expect(digest.parsed.text).toContain('Read the full post on Mrs. Rivera');
    expect(digest.parsed.text).not.toContain('Reading buddies');
    expect(rawHeader(digest.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(digest.raw, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=[\w.-]+>$/,
    );
  });

  it('unsubscribes with a one-click POST carrying no cookie and no CSRF token', async () => {
    const digest = smtp.received[1]!;
    const header = /<([^>]+)>/.exec(rawHeader(digest.raw, 'List-Unsubscribe')!)![1]!;
    expect(header).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?token=/);
    const response = await fetch(header, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect((await findSubscriberByEmail(app.runtime.deps.db, 'parent@family.example'))!.status).toBe(
      'unsubscribed',
    );
  });
});

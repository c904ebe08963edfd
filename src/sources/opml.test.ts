import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database';
import { listAudit } from '../db/audit';
import { listSources } from '../db/sources';
import { checkFeedUrl } from './add-source';
import { importSources } from './import-sources';
import { readOpml, writeOpml } from './opml';

const actor = { type: 'cli' as const, label: 'command line' };

const districtOpml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Feeds</title></head>
  <body>
    <outline text="Lincoln Elementary">
      <outline type="rss" text="Mrs. Rivera" xmlUrl="https://mrsrivera.example.org/feed/" htmlUrl="https://mrsrivera.example.org/" mediaRelease="true" ownerEmail="ana.rivera@lakeside.example" ownerName="Ana Rivera"/>
      <outline text="Library"><outline type="rss" text="Lincoln Library" xmlUrl="https://mastodon.example/@lincolnlibrary.rss"/></outline>
    </outline>
    <outline type="rss" text="Room 12 Science" xmlUrl="https://room12science.blogspot.com/feeds/posts/default" category="/Riverside Middle School"/>
    <outline type="rss" text="Loose feed" xmlUrl="https://loose.example/feed"/>
  </body>
</opml>`;

describe('OPML', () => {
  it('reads schools from folders, the category attribute, and a default', () => {
    const read = readOpml(districtOpml);
    expect(read.ok && read.feeds.map((f) => [f.title, f.school, f.mediaRelease])).toEqual([
      ['Mrs. Rivera', 'Lincoln Elementary', true],
      ['Lincoln Library', 'Library', false],
      ['Room 12 Science', 'Riverside Middle School', false],
      ['Loose feed', null, false],
    ]);
  });

  it('refuses what is not OPML, or has no feeds, in a sentence', () => {
    expect(readOpml('<html><body>hi</body></html>')).toEqual({
      ok: false,
      message: 'This is not an OPML file (it has no <opml> element).',
    });
    expect(readOpml('<opml><body><outline text="empty"/></body></opml>')).toEqual({
      ok: false,
      message: 'The OPML file lists no feeds (no outline has an xmlUrl).',
    });
  });

  it('imports nothing while any entry is unusable, and says which', async () => {
    const db = createTestDatabase().database;
    const read = readOpml(districtOpml);
    if (!read.ok) throw new Error(read.message);
    const outcome = await importSources(db, read.feeds, { actor, now: 1 });
    expect(outcome).toEqual({
      ok: false,
      problems: [
        'Feed 4 (Loose feed): no school. Put feeds inside a folder named after their school, or give a default school.',
      ],
    });
    expect(await listSources(db)).toEqual([]);

    // An address with a password in it is refused without repeating the password.
    const withPassword = await importSources(
      db,
      [{ ...read.feeds[0]!, title: null, url: 'https://teacher:hunter2@class.example/feed' }],
      { actor, now: 1 },
    );
    expect(withPassword).toEqual({
      ok: false,
      problems: [
        'Feed 1 (class.example): the address has a user name or password in it; Yesterday reads public feeds only.',
      ],
    });
  });

  it('refuses a feed address with a user name or password, as it is typed', () => {
    expect(checkFeedUrl('https://teacher:hunter2@class.example/feed')).toEqual({
      ok: false,
      message:
        'The feed address has a user name or password in it. Yesterday reads public feeds only: give the address anyone can open, without the part before @.',
    });
    expect(checkFeedUrl('https://class.example/feed#top')).toEqual({
      ok: true,
      url: 'https://class.example/feed',
    });
  });

  it('imports all, skips feeds already registered, and round-trips through export', async () => {
    const db = createTestDatabase().database;
    const read = readOpml(districtOpml);
    if (!read.ok) throw new Error(read.message);
    expect(
      await importSources(db, read.feeds, { defaultSchool: 'Oak Hill High School', actor, now: 1 }),
    ).toEqual({ ok: true, added: 4, skipped: 0, owners: 1 });
    expect(
      await importSources(db, read.feeds, { defaultSchool: 'Oak Hill High School', actor, now: 2 }),
    ).toEqual({ ok: true, added: 0, skipped: 4, owners: 0 });
    // The same feeds written another way (http, no closing slash) are the same sources, and skipped too.
    const rewritten = read.feeds.map((feed) => ({
      ...feed,
      url: feed.url.replace(/^https:/, 'http:').replace(/\/$/, ''),
    }));
    expect(rewritten.map((feed) => feed.url)).not.toEqual(read.feeds.map((feed) => feed.url));
    expect(
      await importSources(db, rewritten, { defaultSchool: 'Oak Hill High School', actor, now: 2 }),
    ).toEqual({ ok: true, added: 0, skipped: 4, owners: 0 });
    const sources = await listSources(db);
    expect(sources.find((s) => s.feedUrl === 'https://mrsrivera.example.org/feed/')).toMatchObject({
      schoolName: 'Lincoln Elementary',
      ownerName: 'Ana Rivera',
      ownerEmail: 'ana.rivera@lakeside.example',
      mediaRelease: true,
      authorizedBy: null, // the file names nobody, and the importer is not made to stand for the principal
    });
    expect(await listAudit(db, { action: 'source.import', limit: 5 })).toHaveLength(1);

    const again = readOpml(writeOpml(sources, 'Export', 3, 'America/Chicago')); // the district's, as the callers pass
    if (!again.ok) throw new Error(again.message);
    const fresh = createTestDatabase().database;
    expect(await importSources(fresh, again.feeds, { actor, now: 4 })).toEqual({
      ok: true,
      added: 4,
      skipped: 0,
      owners: 1,
    });
    const copy = await listSources(fresh);
    expect(copy.map((s) => [s.feedUrl, s.schoolName, s.mediaRelease, s.ownerEmail]).sort()).toEqual(
      sources.map((s) => [s.feedUrl, s.schoolName, s.mediaRelease, s.ownerEmail]).sort(),
    );
  });

  it('escapes what it writes', () => {
    const opml = writeOpml(
      [
        {
          feedUrl: 'https://x.example/feed?a=1&b=2',
          title: 'Rock & "Roll" <3',
          siteUrl: null,
          schoolName: 'A&B School',
          ownerName: null,
          ownerEmail: null,
          mediaRelease: false,
        },
      ],
      'T',
      0,
    );
    expect(opml).toContain('xmlUrl="https://x.example/feed?a=1&amp;b=2"');
    const read = readOpml(opml);
    expect(read.ok && read.feeds[0]).toMatchObject({
      url: 'https://x.example/feed?a=1&b=2',
      title: 'Rock & "Roll" <3',
      school: 'A&B School',
    });
  });
});

// Where the district requires a second person, a correction of a published digest waits for one: it is
// proposed, another editor approves it (never its proposer) and only then do readers see it; it can be
// discarded, and one the digest has moved on from cannot be published as proposed. Over a real app (SQLite
// file, HTTP, outbox mail).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/auth/api-tokens';
import { listAudit } from '../src/db/audit';
import type { OutboxMessage } from '../src/email/mailer';
import { changeSetting } from '../src/settings/district-settings';
import type { Client } from './browser-client';
import { testClock } from './clock';
import { addPublishedDigest, addSchoolWithSource, item, storeItems } from './fixtures';
import { serveBody, startTestServer, type TestServer } from './http-server';
import { solidPng } from './png';
import { addUser, signedInClient, startTestApp, type TestApp } from './test-app';

const DATE = '2026-11-20';

describe('a correction where the district requires a second person', () => {
  let app: TestApp;
  let dana: Client;
  let lee: Client;
  let itemId: number;
  let ids: number[];
  let feeds: TestServer;

  beforeAll(async () => {
    feeds = await startTestServer();
    feeds.route('/kites.png', serveBody(Buffer.from(solidPng(480, 320, [60, 130, 200])), 'image/png'));
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    dana = await signedInClient(app, 'dana@district.example', 'editor');
    lee = await signedInClient(app, 'lee@district.example', 'editor');
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({
        guid: 'kites',
        title: 'Kites',
        publishedAt: Date.parse('2026-11-20T18:00:00Z'),
        imageUrl: `${feeds.url}/kites.png`,
      }),
      item({ guid: 'bees', title: 'Bees', publishedAt: Date.parse('2026-11-20T18:01:00Z') }),
    ]);
    ids = (await db.query<{ id: number }>('select id from items order by id', [])).map((row) => row.id);
    itemId = ids[0]!;
    const now = app.clock.now();
    await addPublishedDigest(db, {
      date: DATE,
      title: 'Yesterday in Lakeside',
      intro: 'Kites over the field, and the bees came back.',
      itemIds: ids,
      now,
    });
    await changeSetting(db, 'require_approval', 'true', now);
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });

  const desk = async (client: Client) => (await client.get(`/admin/inbox?date=${DATE}`)).text();
  const versionOn = (page: string) => /name="version" value="(\d+)"/.exec(page)![1]!;
  const publicPage = async () => (await fetch(`${app.url}/digests/${DATE}`)).text();
  const press = async (client: Client, action: string, fields: Record<string, string | string[]> = {}) => {
    const page = await desk(client);
    // As a browser sends the page's form: the waiting proposal the page shows is named in it.
    const pendingId = /name="pending_id" value="([^"]+)"/.exec(page)?.[1];
    const response = await client.post(`/admin/inbox/${DATE}/${action}`, {
      _csrf: await client.csrf(`/admin/inbox?date=${DATE}`),
      version: versionOn(page),
      ...(pendingId ? { pending_id: pendingId } : {}),
      ...fields,
    });
    const landed =
      response.status === 303
        ? await (await client.get(response.headers.get('location')!)).text()
        : await response.text();
    return { status: response.status, landed };
  };
  const mail = async () => {
    await app.sendQueuedMail();
    const dir = app.config.outboxDir;
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as OutboxMessage);
  };

  it('waits for another editor: proposed, refused to its proposer, published once someone else approves it', async () => {
    expect(await desk(dana)).toContain('>Propose correction</button>');
    const proposed = await press(dana, 'correct', {
      entry: ids.map(String),
      [`headline_${itemId}`]: 'Kites over the playing field',
      correction_note: 'The headline now says where the kites flew.',
    });
    expect(proposed.status).toBe(303);
    expect(proposed.landed).toContain('The correction waits for another editor’s approval');
    // Readers see nothing yet.
    expect(await publicPage()).not.toContain('Kites over the playing field');
    expect(await publicPage()).not.toContain('The headline now says where the kites flew.');
    // The desk says what waits, and who proposed it; its proposer has no button to approve it.
    const danaSees = await desk(dana);
    expect(danaSees).toContain('A correction waits for approval');
    expect(danaSees).toContain(`The headline “Headline ${itemId}” becomes “Kites over the playing field”.`);
    expect(danaSees).toContain('You proposed it, so another editor approves it.');
    // One waits at a time: its proposer may propose again in its place, and the form says so.
    expect(danaSees).toMatch(
      /formaction="\/admin\/inbox\/2026-11-20\/correct" aria-describedby="correction-waits">Propose correction<\/button><span class="small" id="correction-waits">Proposing again replaces your correction that waits above\./,
    );
    expect(danaSees).not.toContain('Approve and publish the correction');
    // Pressed anyway (a form from another tab), it is refused.
    const self = await press(dana, 'correction/approve');
    expect(self.landed).toContain('You proposed this correction, so someone else must approve it.');
    expect(await publicPage()).not.toContain('Kites over the playing field');
    // The other editors were told; its proposer, who knows, was not.
    const told = (await mail())
      .filter((m) => m.subject === 'A correction to the digest for Friday, November 20 waits for approval')
      .map((m) => m.to);
    expect(told).toContain('lee@district.example');
    expect(told).not.toContain('dana@district.example');

    const leeSees = await desk(lee);
    expect(leeSees).toContain('dana proposed it');
    // Anyone else settles the waiting one first: the form's button says so.
    expect(leeSees).toMatch(
      /formaction="\/admin\/inbox\/2026-11-20\/correct" disabled="" aria-describedby="correction-waits">Propose correction<\/button><span class="small" id="correction-waits">A correction waits for approval above/,
    );
    expect(leeSees).toContain('Approve and publish the correction');
    const approved = await press(lee, 'correction/approve');
    expect(approved.landed).toContain('Correction published');
    // Out and corrected, the digest waits for no approval: its status line does not say it does, and names
    // whose words the correction is.
    expect(approved.landed).not.toContain('needs a second person’s approval');
    expect(approved.landed).toMatch(/<span id="desk-status-text">Published[^<]* by dana</);
    const page = await publicPage();
    expect(page).toContain('Kites over the playing field');
    expect(page).toContain('The headline now says where the kites flew.');
    expect(await desk(lee)).not.toContain('A correction waits for approval');
    const actions = (await listAudit(app.runtime.deps.db, { limit: 20 })).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['digest.correction_proposed', 'digest.correction_approved']),
    );
  });

  it('can be discarded, and one the digest moved on from is not published as proposed', async () => {
    await press(dana, 'correct', {
      entry: ids.map(String),
      [`headline_${itemId}`]: 'A headline nobody approves',
      correction_note: 'Trying a different headline here.',
    });
    expect((await press(lee, 'correction/discard')).landed).toContain('is discarded');
    expect(await desk(lee)).not.toContain('A correction waits for approval');

    await press(dana, 'correct', {
      entry: ids.map(String),
      [`headline_${itemId}`]: 'A headline overtaken',
      correction_note: 'Proposed before a takedown.',
    });
    // A takedown needs no second person, and moves the digest on.
    const other = (
      await app.runtime.deps.db.query<{ id: number }>('select id from items order by id', [])
    )[1]!.id;
    const down = await press(lee, `entries/${other}/takedown`, {
      [`takedown_reason_${other}`]: 'A parent asked for this post to come down.',
    });
    expect(down.status).toBe(303);
    // The introduction was written with the post in the digest: the desk quotes it back, to be checked.
    expect(down.landed).toContain(
      'The introduction still reads “Kites over the field, and the bees came back.”: if it speaks of this post, change it below, in a correction.',
    );
    // The desk says so, and offers only to discard it; a form from before is refused all the same.
    const staleDesk = await desk(lee);
    expect(staleDesk).toContain('The digest changed after this correction was proposed');
    expect(staleDesk).not.toContain('Approve and publish the correction');
    const stale = await press(lee, 'correction/approve');
    expect(stale.landed).toContain('The digest changed after this correction was proposed');
    expect(await publicPage()).not.toContain('A headline overtaken');
    expect((await press(lee, 'correction/discard')).landed).toContain('is discarded');
  });

  it('approves only the proposal its approver was shown, and never replaces someone else’s unseen', async () => {
    await press(dana, 'correct', {
      entry: String(itemId), // the other post was taken down above
      [`headline_${itemId}`]: 'The first proposal',
      correction_note: 'The first proposal, as Lee reads it.',
    });
    const leeSaw = await desk(lee);
    expect(leeSaw).toContain('The first proposal');
    // Dana replaces her own proposal while Lee's page still shows the first.
    await press(dana, 'correct', {
      entry: String(itemId), // the other post was taken down above
      [`headline_${itemId}`]: 'The second proposal',
      correction_note: 'The second proposal, which Lee never saw.',
    });
    const pendingId = /name="pending_id" value="([^"]+)"/.exec(leeSaw)![1]!;
    const approved = await lee.post(`/admin/inbox/${DATE}/correction/approve`, {
      _csrf: await lee.csrf(`/admin/inbox?date=${DATE}`),
      version: versionOn(leeSaw),
      pending_id: pendingId,
    });
    const landed = await (await lee.get(approved.headers.get('location')!)).text();
    expect(landed).toContain('The correction waiting for approval is not the one you were shown');
    expect(await publicPage()).not.toContain('The second proposal');
    // Lee's own correction does not push Dana's aside: hers is approved or discarded first.
    const sam = await signedInClient(app, 'sam@district.example', 'editor');
    const refused = await press(sam, 'correct', {
      entry: String(itemId), // the other post was taken down above
      [`headline_${itemId}`]: 'Sam’s headline',
      correction_note: 'Sam corrects the headline too.',
    });
    expect(refused.landed).toContain('Another person’s correction is waiting for approval on this digest.');
    expect(await desk(lee)).toContain('The second proposal, which Lee never saw.');
    expect((await press(lee, 'correction/discard')).landed).toContain('is discarded');
    // Each entry is written with what it records (in the same batch), and a refused one records nothing.
    const entries = (await listAudit(app.runtime.deps.db, { limit: 10 }))
      .filter((e) => e.action.startsWith('digest.correction_'))
      .map((e) => [e.action, e.actorLabel]);
    expect(entries.slice(0, 3)).toEqual([
      ['digest.correction_discarded', 'lee@district.example'],
      ['digest.correction_proposed', 'dana@district.example'],
      ['digest.correction_proposed', 'dana@district.example'],
    ]);
  });

  it('through the API: accepted (202) and waiting; the same person cannot approve it, another can', async () => {
    const db = app.runtime.deps.db;
    const dana = await addUser(app, 'dana2@district.example', 'editor');
    const own = await createApiToken(
      db,
      { name: 'dana', role: 'editor', userId: dana.id },
      { type: 'cli', label: 't' },
      app.clock.now(),
    );
    const lee = (
      await db.query<{ id: number }>(`select id from users where email = 'lee@district.example'`, [])
    )[0]!;
    const other = await createApiToken(
      db,
      { name: 'lee', role: 'editor', userId: lee.id },
      { type: 'cli', label: 't' },
      app.clock.now(),
    );
    const call = async (token: string, path: string, body: unknown = {}) => {
      const response = await fetch(`${app.url}/api/v1/digests/${DATE}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    // A post listed twice, one of them with a text the panel would not show: refused, nothing waits.
    const twice = await call(own.token, '/corrections', {
      note: 'Fixed the order of the posts on this page.',
      entries: [{ item_id: itemId, blurb: 'A change nobody would see.' }, { item_id: itemId }],
    });
    expect([twice.status, twice.body.error?.code]).toEqual([422, 'duplicate-entry']);
    const proposed = await call(own.token, '/corrections', {
      note: 'The headline names the field.',
      entries: [{ item_id: itemId, headline: 'Kites over the north field' }],
    });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({ corrected: false, pending: true, queued_emails: 0 });
    expect(proposed.body.digest.pending_correction).toMatchObject({ note: 'The headline names the field.' });
    const seen = { id: proposed.body.digest.pending_correction.id };
    // As proposed: what it leaves out keeps the published text, and is left out here too.
    expect(proposed.body.digest.pending_correction.entries).toEqual([
      { item_id: itemId, headline: 'Kites over the north field' },
    ]);
    expect((await call(other.token, '/corrections/pending/approve')).status).toBe(422);
    const self = await call(own.token, '/corrections/pending/approve', seen);
    expect(self.status).toBe(403);
    const approved = await call(other.token, '/corrections/pending/approve', seen);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ corrected: true, digest: { pending_correction: null } });
    expect(await publicPage()).toContain('Kites over the north field');
  });

  it('shows its approver a picture it adds, with its description, and a description it changes', async () => {
    const picture = `${feeds.url}/kites.png`;
    const proposed = await press(dana, 'correct', {
      entry: String(itemId),
      [`image_${itemId}`]: picture,
      [`alt_${itemId}`]: 'Three kites over the north field',
      correction_note: 'The post now shows its picture.',
    });
    expect(proposed.landed).toContain('The correction waits for another editor’s approval');
    const shown = await desk(lee);
    const address = `/admin/inbox/pictures/${itemId}?url=${encodeURIComponent(picture)}`;
    expect(shown).toContain(`<img class="pending-picture" src="${address.replaceAll('&', '&amp;')}"`);
    expect(shown).toContain('described as “Three kites over the north field”.');
    const thumbnail = await lee.get(address);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toMatch(/^image\//);
    expect((await press(lee, 'correction/approve')).landed).toContain('Corrected');

    await press(dana, 'correct', {
      entry: String(itemId),
      [`image_${itemId}`]: picture,
      [`alt_${itemId}`]: 'Three kites, red, yellow and blue',
      correction_note: 'The picture’s description names the colours.',
    });
    const described = await desk(lee);
    expect(described).toContain(
      'The picture description of “Kites over the north field” becomes “Three kites, red, yellow and blue”.',
    );
    expect(described).not.toContain('class="pending-picture"');
  });
});

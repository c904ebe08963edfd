// A finding in a correction's text (a name the family agreed to, a word in its ordinary sense) is resolved by a
// reason typed under it and sent with Publish correction: the desk offers no button that would record it alone
// and lose the correction, and a correction refused keeps the reasons typed. Over a real app (SQLite file,
// HTTP, outbox mail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeSetting } from '../src/settings/district-settings';
import type { Client } from './browser-client';
import { testClock } from './clock';
import { addPublishedDigest, addSchoolWithSource, item, storeItems } from './fixtures';
import { signedInClient, startTestApp, type TestApp } from './test-app';

const DATE = '2026-11-20';

describe('reasons given in a correction', () => {
  let app: TestApp;
  let dana: Client;
  let lee: Client;
  let itemId: number;

  beforeAll(async () => {
    app = await startTestApp({ clock: testClock('2026-11-21T15:00:00Z') });
    const db = app.runtime.deps.db;
    dana = await signedInClient(app, 'dana@district.example', 'editor');
    lee = await signedInClient(app, 'lee@district.example', 'editor');
    const { source } = await addSchoolWithSource(db, 'Lincoln Elementary', 'https://lincoln.example/feed');
    await storeItems(db, source.id, [
      item({ guid: 'kites', title: 'Kites', publishedAt: Date.parse('2026-11-20T18:00:00Z') }),
    ]);
    itemId = (await db.query<{ id: number }>('select id from items', []))[0]!.id;
    await addPublishedDigest(db, {
      date: DATE,
      title: 'Yesterday in Lakeside',
      intro: 'Kites over the field.',
      itemIds: [itemId],
      now: app.clock.now(),
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const desk = async (client: Client) => (await client.get(`/admin/inbox?date=${DATE}`)).text();
  const correct = async (client: Client, fields: Record<string, string>) => {
    const page = await desk(client);
    const response = await client.post(`/admin/inbox/${DATE}/correct`, {
      _csrf: await client.csrf(`/admin/inbox?date=${DATE}`),
      version: /name="version" value="(\d+)"/.exec(page)![1]!,
      entry: String(itemId),
      [`headline_${itemId}`]: 'Kites over the field',
      [`blurb_${itemId}`]: 'Maya Lopez flew the highest kite.',
      correction_note: 'We named the child whose kite flew highest.',
      ...fields,
    });
    const landed =
      response.status === 303
        ? await (await client.get(response.headers.get('location')!)).text()
        : await response.text();
    return { status: response.status, landed };
  };
  const reasonField = () => `reason_${itemId}_student-name`;

  it('publishes a correction with a reason typed under its finding, and keeps the typing when refused', async () => {
    const refused = await correct(dana, {});
    expect(refused.status).toBe(422);
    expect(refused.landed).toContain('The correction is not published yet. One check finding is open');
    // The correction comes back as typed, its finding beside the post with a box for the reason and no
    // button that would record it alone (there is no draft to hold it, and the correction would be lost).
    expect(refused.landed).toContain('Maya Lopez flew the highest kite.');
    expect(refused.landed).toContain('We named the child whose kite flew highest.');
    expect(refused.landed).toContain(`name="${reasonField()}"`);
    expect(refused.landed).toContain(
      'The reason is recorded with the correction when you press Publish correction.',
    );
    expect(refused.landed).not.toContain(`findings/${itemId}/student-name/override`);
    // Too short: refused with why, the reason kept in its field.
    const short = await correct(dana, { [reasonField()]: 'ok fine' });
    expect(short.status).toBe(422);
    expect(short.landed).toContain('ok fine</textarea>');
    expect(short.landed).toMatch(/Write a reason|at least/);
    // Refused for something else (the note), the reason typed stays in its box, to go with the next press.
    const noteShort = await correct(dana, {
      correction_note: 'Oops',
      [reasonField()]: 'Her family asked us to use her full name.',
    });
    expect(noteShort.status).toBe(422);
    expect(noteShort.landed).toContain('Her family asked us to use her full name.</textarea>');
    const corrected = await correct(dana, { [reasonField()]: 'Her family asked us to use her full name.' });
    expect(corrected.status).toBe(303);
    expect(corrected.landed).toContain('Correction published');
    const published = await (await fetch(`${app.url}/digests/${DATE}`)).text();
    expect(published).toContain('Maya Lopez flew the highest kite.');
    expect(published).toContain('We named the child whose kite flew highest.');
    // The desk shows the finding resolved, with the reason.
    expect(await desk(dana)).toContain('Her family asked us to use her full name.');
  });

  it('shows a waiting correction’s reasons to the person who approves it', async () => {
    await changeSetting(app.runtime.deps.db, 'require_approval', 'true', app.clock.now());
    const proposed = await correct(dana, {
      [`blurb_${itemId}`]: 'Maya Lopez and Noah Kim flew the highest kites.',
      correction_note: 'We named the second flyer too.',
      [reasonField()]: 'Both families asked us to use full names.',
    });
    expect(proposed.status).toBe(303);
    const leeSees = await desk(lee);
    expect(leeSees).toContain('Findings recorded as fine');
    expect(leeSees).toContain(
      'Student name, Kites over the field: “Both families asked us to use full names.”',
    );
  });
});

// D1 refuses a statement with more than 100 bound parameters. A digest of 150 posts saved through the API and a
// list of 300 parents imported at once must each be written in statements within that limit, in workerd.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens';
import { cliActor } from '../../src/db/audit';
import { openD1 } from '../../src/db/d1';
import { findSchoolBySlug } from '../../src/db/schools';
import { countConfirmedBySchool, countSubscribersByStatus } from '../../src/db/subscribers';
import { isUniqueTaken } from '../../src/db/storage-errors';
import { planImport, writeImport } from '../../src/subscriptions/import-subscribers';
import { addSchoolWithSource, item, storeItems } from '../fixtures';

const db = openD1(env.DB);
const DATE = '2026-09-10';

describe('within D1’s 100 parameters a statement', () => {
  it('saves a digest of 150 posts through the API', async () => {
    const { source } = await addSchoolWithSource(db, 'Parameter Elementary', 'https://params.example/feed');
    const noon = Date.parse(`${DATE}T17:00:00Z`);
    await storeItems(
      db,
      source.id,
      Array.from({ length: 150 }, (_, i) => item({ guid: `p${i}`, publishedAt: noon + i * 1000 })),
    );
    const { token } = await createApiToken(db, { name: 'limits', role: 'editor' }, cliActor, Date.now());
    const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
      SELF.fetch(`http://yesterday.test/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    const { items } = (await (await api(`/items?date=${DATE}`)).json()) as { items: { id: number }[] };
    expect(items).toHaveLength(150);

    const saved = await api(`/digests/${DATE}`, {
      method: 'PUT',
      body: { intro: 'A long day.', entries: items.map((post) => ({ item_id: post.id })) },
    });
    expect(saved.status).toBe(200);
    const digest = (await saved.json()) as { entries: { item_id: number }[] };
    expect(digest.entries.map((e) => e.item_id)).toEqual(items.map((post) => post.id));
  });

  it('imports 300 parents at once, with their schools', async () => {
    const school = (await findSchoolBySlug(db, 'parameter-elementary'))!;
    const rows = Array.from(
      { length: 300 },
      (_, i) => `parent${i}@limits.example,${i % 2 ? 'Parameter Elementary' : ''}`,
    );
    // Counted, then written, as the Subscribers page does once its question is answered.
    const planned = await planImport(db, 'a signing key for the test', {
      csv: `email,schools\n${rows.join('\n')}\n`,
      attestation: 'They signed up on the paper form at the open house.',
    });
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.figures).toMatchObject({ added: 300, confirmed: 300 });
    await writeImport(db, cliActor, planned.plan, Date.now(), 'one-question-page');
    expect((await countSubscribersByStatus(db)).confirmed).toBeGreaterThanOrEqual(300);
    // The question page's button pressed again: D1 refuses the whole batch by its one-time key.
    const again = await writeImport(db, cliActor, planned.plan, Date.now(), 'one-question-page').catch(
      (error: unknown) => error,
    );
    expect(isUniqueTaken(again, 'job_marks')).toBe(true);
    const { bySchool, everySchool } = await countConfirmedBySchool(db);
    expect(bySchool.find((row) => row.id === school.id)?.n).toBe(150);
    expect(everySchool).toBeGreaterThanOrEqual(150);
  });
});

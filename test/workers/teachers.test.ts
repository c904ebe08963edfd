// Teachers in the loop on Workers, against D1: the cron run expires a source past its review date (so it is not
// handed out to be read), and the coverage report answers from the API with the same figures as on a server.
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openD1 } from '../../src/db/d1';
import { findOrCreateSchool } from '../../src/db/schools';
import { findSource, insertSource, listDueSources } from '../../src/db/sources';
import worker from '../../src/entry/worker';
import type { WorkerEnv } from '../../src/entry/worker-runtime';
import { item, storeItems } from '../fixtures';
import { workerApi } from './api';

const db = openD1(env.DB);

describe('teachers in the loop on Workers', () => {
  it('a cron run expires an authorization past its review date, with its audit entry', async () => {
    const now = Date.now();
    const school = await findOrCreateSchool(db, 'Review School', now);
    const source = (await insertSource(
      db,
      {
        schoolId: school.id,
        feedUrl: 'https://review.example/feed',
        authorizedBy: 'Dana Hayes, Principal',
        reviewAt: now - 60_000,
      },
      now - 400 * 86_400_000,
    ))!;
    expect((await listDueSources(db, now, 100)).map((s) => s.id)).not.toContain(source.id);
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: '* * * * *', scheduledTime: now }),
      env as unknown as WorkerEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect((await findSource(db, source.id))!.authorization).toBe('expired');
    const audit = await db.query<{ action: string }>(
      `select action from audit_log where subject_type = 'source' and subject_id = ?`,
      [String(source.id)],
    );
    expect(audit.map((row) => row.action)).toContain('source.authorization-expired');
  });

  it('answers the coverage report from D1', async () => {
    const now = Date.now();
    const school = await findOrCreateSchool(db, 'Coverage School', now);
    const source = (await insertSource(
      db,
      { schoolId: school.id, feedUrl: 'https://coverage.example/feed' },
      now,
    ))!;
    await storeItems(db, source.id, [
      item({ guid: 'c1', publishedAt: Date.parse('2026-10-05T17:00:00Z') }),
      item({ guid: 'c2', publishedAt: Date.parse('2026-10-06T17:00:00Z') }),
    ]);
    await db.batch([
      db.raw(
        sql`insert into digests (date, status, created_at, updated_at, published_at) values ('2026-10-06', 'published', ${now}, ${now}, ${now})`,
      ),
      db.raw(
        sql`insert into digest_entries (digest_id, item_id, position, headline)
            select d.id, i.id, 0, 'Seeds' from digests d, items i where d.date = '2026-10-06' and i.guid = 'c2'`,
      ),
    ]);
    const api = await workerApi('coverage bot');
    const response = await api('/reports/coverage?from=2026-10-01&to=2026-10-31', 'GET');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { schools: { slug: string }[] };
    expect(body.schools.find((s) => s.slug === school.slug)).toEqual({
      school: 'Coverage School',
      slug: school.slug,
      posts: 2,
      featured: 1,
      last_featured_on: '2026-10-06',
      sources: [
        {
          id: source.id,
          title: 'https://coverage.example/feed',
          posts: 2,
          featured: 1,
          last_featured_on: '2026-10-06',
        },
      ],
    });
    const refused = await api('/reports/coverage?from=2026-10-01', 'GET');
    expect(refused.status).toBe(422);
  });
});

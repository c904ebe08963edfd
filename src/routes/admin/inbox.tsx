// /admin/inbox: choose a day, tick posts into its digest, give it a title and intro, save or publish.
import { Hono } from 'hono';
import { defaultEntry } from '../../curate/entry-defaults';
import { findDigest, listEntries, saveDigestDraft, type EntryDraft } from '../../db/digests';
import { findItemsByIds, listItemsPublishedBetween, type InboxItem } from '../../db/items';
import type { AppDeps } from '../../deps';
import { publishDigestForDate } from '../../publish/publish-digest';
import { readDistrictSettings } from '../../settings/district-settings';
import { addDays, dayRange, isLocalDate, localDateOf } from '../../time/zoned-time';
import { InboxPage, type SchoolGroup } from '../../views/admin/inbox-page';
import { redirectWith } from '../flash';
import { field, fields, readForm } from '../form';
import { actorOf, adminPage, currentUser, type AdminEnv } from './context';

export function inboxRoutes(deps: AppDeps) {
  const app = new Hono<AdminEnv>();

  app.get('/', async (c) => {
    const settings = await readDistrictSettings(deps.db);
    const yesterday = addDays(localDateOf(deps.clock.now(), settings.timezone), -1);
    const requested = c.req.query('date');
    const date = requested && isLocalDate(requested) ? requested : yesterday;
    const { start, end } = dayRange(date, settings.timezone);
    const [items, digest] = await Promise.all([
      listItemsPublishedBetween(deps.db, start, end),
      findDigest(deps.db, date),
    ]);
    const entries = digest ? await listEntries(deps.db, [digest.id]) : [];
    return adminPage(deps, c, {
      title: 'Inbox',
      section: 'inbox',
      body: (
        <InboxPage
          date={date}
          previousDate={addDays(date, -1)}
          nextDate={addDays(date, 1)}
          timezone={settings.timezone}
          groups={groupBySchool(items)}
          digest={digest}
          selectedIds={new Set(entries.map((e) => e.itemId))}
          csrfToken={c.get('csrfToken')}
          publicUrl={deps.config.publicUrl}
        />
      ),
    });
  });

  app.post('/', async (c) => {
    const user = currentUser(c);
    const date = c.req.query('date') ?? '';
    const back = `/admin/inbox?date=${date}`;
    if (!isLocalDate(date))
      return redirectWith(c, deps.signingKey, '/admin/inbox', {
        kind: 'error',
        text: 'That is not a valid date.',
      });
    const form = await readForm(c);
    const selected = [...new Set(fields(form, 'item').map(Number).filter(Number.isSafeInteger))];
    const digest = await findDigest(deps.db, date);
    const existing = new Map(
      (digest ? await listEntries(deps.db, [digest.id]) : []).map((e) => [e.itemId, e]),
    );
    const items = await findItemsByIds(deps.db, selected);
    const byId = new Map(items.map((item) => [item.id, item]));
    const entries: EntryDraft[] = selected
      .map((id) => byId.get(id))
      .filter((item): item is InboxItem => !!item)
      .map((item) => {
        const kept = existing.get(item.id);
        return kept
          ? {
              itemId: item.id,
              headline: kept.headline,
              blurb: kept.blurb,
              imageUrl: kept.imageUrl,
              imageAlt: kept.imageAlt,
            }
          : defaultEntry(item);
      });
    const saved = await saveDigestDraft(
      deps.db,
      date,
      { title: field(form, 'title', 200), intro: field(form, 'intro', 1000), entries },
      {
        expectedVersion: Number(field(form, 'version')) || undefined,
        userId: user.id,
        now: deps.clock.now(),
      },
    );
    if (!saved.ok) {
      const text =
        saved.reason === 'published'
          ? 'This digest has already been published, so your changes were not saved.'
          : 'Someone else saved this digest while you were editing it, so your changes were not saved. Their version is shown below; make your changes again.';
      return redirectWith(c, deps.signingKey, back, { kind: 'error', text });
    }
    if (field(form, 'action') !== 'publish') {
      return redirectWith(c, deps.signingKey, back, {
        kind: 'ok',
        text: `Draft saved with ${entries.length} ${entries.length === 1 ? 'post' : 'posts'}.`,
      });
    }
    const published = await publishDigestForDate(
      { db: deps.db, background: deps.background, now: () => deps.clock.now() },
      date,
      actorOf(deps, c),
    );
    if (!published.ok)
      return redirectWith(c, deps.signingKey, back, { kind: 'error', text: published.message });
    const emails = published.queued === 1 ? '1 email is' : `${published.queued} emails are`;
    return redirectWith(c, deps.signingKey, back, {
      kind: 'ok',
      text: `Published. ${emails} on the way to subscribers.`,
    });
  });

  return app;
}

function groupBySchool(items: InboxItem[]): SchoolGroup[] {
  const groups = new Map<string, SchoolGroup>();
  for (const item of items) {
    const group = groups.get(item.schoolSlug) ?? { schoolName: item.schoolName, items: [] };
    group.items.push(item);
    groups.set(item.schoolSlug, group);
  }
  return [...groups.values()];
}

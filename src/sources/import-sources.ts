// Importing a list of feeds all or nothing: every entry is checked first; if any is unusable nothing is
// written and every problem is listed. Feeds already registered are skipped, not errors.
import { sql } from 'drizzle-orm';
import { auditStatement, type Actor } from '../db/audit';
import type { Database, Statement } from '../db/client';
import { schools, sources } from '../db/schema';
import { findSourceByUrl } from '../db/sources';
import { checkEmailAddress } from '../email/email-address';
import { slugify } from '../text/slug';
import type { OpmlFeed } from './opml';

export type ImportOutcome = { ok: true; added: number; skipped: number } | { ok: false; problems: string[] };

export async function importSources(
  db: Database,
  feeds: OpmlFeed[],
  options: { defaultSchool?: string; actor: Actor; now: number },
): Promise<ImportOutcome> {
  const problems: string[] = [];
  const accepted: (Omit<OpmlFeed, 'school'> & { school: string })[] = [];
  const seen = new Set<string>();
  for (const [index, feed] of feeds.entries()) {
    const where = `Feed ${index + 1} (${feed.title ?? feed.url})`;
    let url: URL;
    try {
      url = new URL(feed.url);
    } catch {
      problems.push(`${where}: "${feed.url}" is not a web address.`);
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`${where}: the address must start with http:// or https://.`);
      continue;
    }
    const school = (feed.school ?? options.defaultSchool ?? '').trim();
    if (!school) {
      problems.push(
        `${where}: no school. Put feeds inside a folder named after their school, or give a default school.`,
      );
      continue;
    }
    let ownerEmail: string | null = null;
    if (feed.ownerEmail) {
      const checked = checkEmailAddress(feed.ownerEmail);
      if (!checked.ok) {
        problems.push(`${where}: owner email: ${checked.message}`);
        continue;
      }
      ownerEmail = checked.address;
    }
    url.hash = '';
    if (seen.has(url.href) || (await findSourceByUrl(db, url.href))) continue;
    seen.add(url.href);
    accepted.push({
      ...feed,
      url: url.href,
      school: school.slice(0, 120),
      ownerEmail,
      ownerName: feed.ownerName?.slice(0, 120) ?? null,
    });
  }
  if (problems.length) return { ok: false, problems };

  const { now, actor } = options;
  const statements: Statement[] = [];
  for (const school of new Set(accepted.map((a) => a.school))) {
    statements.push(
      db.orm
        .insert(schools)
        .values({ slug: slugify(school), name: school, createdAt: now })
        .onConflictDoNothing(),
    );
  }
  for (const feed of accepted) {
    statements.push(
      db.raw(sql`insert into ${sources} (school_id, feed_url, title, site_url, owner_name, owner_email, media_release, authorized_by, authorized_at, created_at, updated_at)
        select ${schools.id}, ${feed.url}, ${feed.title}, ${feed.siteUrl}, ${feed.ownerName}, ${feed.ownerEmail}, ${feed.mediaRelease ? 1 : 0}, ${actor.label}, ${now}, ${now}, ${now}
        from ${schools} where ${schools.slug} = ${slugify(feed.school)}
        on conflict do nothing`),
    );
  }
  if (accepted.length) {
    statements.push(
      auditStatement(
        db,
        actor,
        {
          action: 'source.import',
          details: { added: accepted.length, skipped: feeds.length - accepted.length },
        },
        now,
      ),
    );
    await db.batch(statements);
  }
  return { ok: true, added: accepted.length, skipped: feeds.length - accepted.length };
}

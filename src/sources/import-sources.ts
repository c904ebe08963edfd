// Importing a list of feeds all or nothing: every entry is checked first; if any is unusable nothing is
// written and every problem is listed. Feeds already registered are skipped, not errors.
import { auditStatement, type Actor } from '../db/audit';
import type { Database } from '../db/client';
import { addSchoolStatement } from '../db/schools';
import { importSourcesStatements, listFeedUrls } from '../db/sources';
import { checkEmailAddress } from '../email/email-address';
import { t } from '../i18n/desk-text';
import { yieldToEventLoop } from '../ingest/yield';
import { truncateWords } from '../text/html-to-text';
import { slugify } from '../text/slug';
import { readDistrictSettings } from '../settings/district-settings';
import { readTeacherSettings } from '../settings/teacher-settings';
import { addressKey, readFeedUrl, type FeedUrlProblem } from './add-source';
import { checkAuthorization, type AuthorizationRecord } from './authorization';
import type { OpmlFeed } from './opml';

export type ImportOutcome =
  | {
      ok: true;
      added: number;
      skipped: number;
      /** Sources added with an owner's address: each to be welcomed, when the import asked for it. */
      owners: number;
    }
  | { ok: false; problems: string[] };

export async function importSources(
  db: Database,
  feeds: OpmlFeed[],
  options: {
    defaultSchool?: string;
    actor: Actor;
    now: number;
    /**
     * Welcome the owners the file names (a first list of a district's feeds); left out, they count as welcomed
     * already (a list moved from another Yesterday, whose owners were welcomed there).
     */
    welcomeOwners?: boolean;
  },
): Promise<ImportOutcome> {
  const problems: string[] = [];
  const accepted: (Omit<OpmlFeed, 'school'> & { school: string } & Partial<AuthorizationRecord>)[] = [];
  const [{ timezone }, { authorizationReviewMonths }] = await Promise.all([
    readDistrictSettings(db),
    readTeacherSettings(db),
  ]);
  const seen = new Set<string>();
  // Already a source, as written or written another way (addressKey): skipped, as is a second line for one.
  const registered = new Set((await listFeedUrls(db)).map(addressKey));
  for (const [index, feed] of feeds.entries()) {
    // A district's list can hold thousands of feeds: other requests are answered between batches.
    if (index % 500 === 499) await yieldToEventLoop();
    const where = { n: index + 1, feed: truncateWords(feed.title ?? feed.url, 60) };
    const read = readFeedUrl(feed.url);
    if (!read.ok) {
      // Said with the feed's place in the file; an address with a password in it is not repeated.
      const sentences: Record<FeedUrlProblem, () => string> = {
        notAnAddress: () =>
          t('desk.sourceOutcomes.import.notAnAddress', { ...where, address: truncateWords(feed.url, 80) }),
        notHttp: () => t('desk.sourceOutcomes.import.notHttp', where),
        withCredentials: () =>
          t('desk.sourceOutcomes.import.withCredentials', {
            ...where,
            feed: feed.title ?? new URL(feed.url).host,
          }),
      };
      problems.push(sentences[read.problem]());
      continue;
    }
    const { url } = read;
    const school = (feed.school ?? options.defaultSchool ?? '').trim();
    if (!school) {
      problems.push(t('desk.sourceOutcomes.import.noSchool', where));
      continue;
    }
    let ownerEmail: string | null = null;
    if (feed.ownerEmail) {
      const checked = checkEmailAddress(feed.ownerEmail);
      if (!checked.ok) {
        problems.push(t('desk.sourceOutcomes.import.ownerEmail', { ...where, problem: checked.message }));
        continue;
      }
      ownerEmail = checked.address;
    }
    const authorization = checkAuthorization(feed, {
      reviewMonths: authorizationReviewMonths,
      timezone,
      now: options.now,
    });
    if (!authorization.ok) {
      problems.push(
        t('desk.sourceOutcomes.import.authorization', { ...where, problem: authorization.message }),
      );
      continue;
    }
    const key = addressKey(url.href);
    if (seen.has(key) || registered.has(key)) continue;
    seen.add(key);
    accepted.push({
      ...feed,
      url: url.href,
      school: school.slice(0, 120),
      ownerEmail,
      ownerName: feed.ownerName?.slice(0, 120) ?? null,
      ...authorization.record,
    });
  }
  if (problems.length) return { ok: false, problems };

  const { now, actor } = options;
  if (accepted.length) {
    await db.batch([
      ...[...new Set(accepted.map((a) => a.school))].map((school) => addSchoolStatement(db, school, now)),
      ...importSourcesStatements(
        db,
        accepted.map(({ school, url, authorizedOn: _on, reviewOn: _review, ...feed }) => ({
          ...feed,
          feedUrl: url,
          schoolSlug: slugify(school),
        })),
        now,
        options.welcomeOwners,
      ),
      auditStatement(
        db,
        actor,
        {
          action: 'source.import',
          details: { added: accepted.length, skipped: feeds.length - accepted.length },
        },
        now,
      ),
    ]);
  }
  return {
    ok: true,
    added: accepted.length,
    skipped: feeds.length - accepted.length,
    owners: accepted.filter((a) => a.ownerEmail).length,
  };
}

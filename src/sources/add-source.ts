// Registering an authorized feed: the one place the admin, the API and the command line add sources.
import type { Actor } from '../db/audit';
import { recordAudit } from '../db/audit';
import type { Database } from '../db/client';
import { findOrCreateSchool } from '../db/schools';
import { findSourceSharingPosts, insertSource, listSources, type Source } from '../db/sources';
import type { NormalizedItem } from '../ingest/feed-types';
import { checkEmailAddress } from '../email/email-address';
import { t } from '../i18n/desk-text';
import { formatLongDate } from '../publish/digest-content';
import { readDistrictSettings } from '../settings/district-settings';
import { readTeacherSettings } from '../settings/teacher-settings';
import { cleanText } from '../text/clean-text';
import { localDateOf } from '../time/zoned-time';
import { checkAuthorization } from './authorization';

export interface AddSourceInput {
  url: string;
  school: string;
  ownerName?: string;
  ownerEmail?: string;
  mediaRelease?: boolean;
  /** Who authorized the account ("NAME, ROLE"), when (YYYY-MM-DD) and when to review it; see authorization.ts. */
  authorizedBy?: string;
  authorizedOn?: string;
  reviewOn?: string;
}

export type AddSourceOutcome = { ok: true; source: Source } | { ok: false; message: string };

/** What addSource would store, or the sentence saying what is wrong with the input. */
export type CheckedSourceInput =
  { ok: true; url: string; school: string; ownerEmail: string | null } | { ok: false; message: string };

/** The checks of the input itself: its address, school and owner (checkAddition adds the dates). */
function checkSourceInput(input: AddSourceInput): CheckedSourceInput {
  const url = checkFeedUrl(input.url);
  if (!url.ok) return url;
  const school = cleanText(input.school).trim();
  if (!school) return { ok: false, message: t('desk.sourceOutcomes.schoolRequired') };
  if (school.length > 120) return { ok: false, message: t('desk.sourceOutcomes.schoolTooLong') };
  let ownerEmail: string | null = null;
  if (input.ownerEmail?.trim()) {
    const checked = checkEmailAddress(input.ownerEmail);
    if (!checked.ok)
      return { ok: false, message: t('desk.sourceOutcomes.ownerEmail', { problem: checked.message }) };
    ownerEmail = checked.address;
  }
  return { ok: true, url: url.url, school, ownerEmail };
}

/** Why an address cannot be a feed's: not an address, not http(s), or one with a user name or password. */
export type FeedUrlProblem = 'notAnAddress' | 'notHttp' | 'withCredentials';

/** A feed address as stored (no fragment), or what is wrong with it: the rule for adding, changing, importing. */
export function readFeedUrl(raw: string): { ok: true; url: URL } | { ok: false; problem: FeedUrlProblem } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'notAnAddress' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'notHttp' };
  // Never fetched (ingest/fetcher.ts), and not kept either: a password would show on the Sources page and in logs.
  if (url.username || url.password) return { ok: false, problem: 'withCredentials' };
  url.hash = '';
  return { ok: true, url };
}

/** A feed address as stored (no fragment), or the sentence saying why it is not one. */
export function checkFeedUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const read = readFeedUrl(raw);
  if (read.ok) return { ok: true, url: read.url.href };
  const sentences: Record<FeedUrlProblem, string> = {
    notAnAddress: t('desk.sourceOutcomes.notAnAddress', { address: raw }),
    notHttp: t('desk.sourceOutcomes.notHttp'),
    withCredentials: t('desk.sourceOutcomes.withCredentials'),
  };
  return { ok: false, message: sentences[read.problem] };
}

/**
 * An address as a feed is the same under: http or https, a leading www., a closing slash, its parameters in
 * another order. (Host names are in lower case and default ports left out already, by URL.)
 */
export function addressKey(address: string): string {
  const url = new URL(address);
  url.searchParams.sort();
  const query = url.searchParams.toString();
  return `${url.host.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`;
}

/** The sentence saying a feed address is already a source's, as typed or written another way (addressKey). */
export async function alreadyASource(db: Database, url: string): Promise<string | undefined> {
  const key = addressKey(url);
  const same = (await listSources(db)).find((source) => addressKey(source.feedUrl) === key);
  if (!same) return undefined;
  return same.feedUrl === url
    ? t('desk.sourceOutcomes.alreadyASource', { url: same.feedUrl })
    : t('desk.sourceOutcomes.sameAddress', { url: same.feedUrl, school: same.schoolName });
}

/** Posts looked at to tell whether a feed is another source's at a second address: its newest. */
const POSTS_COMPARED = 100;

/**
 * The sentence saying a feed read to be added brings the posts of a source already there (most of them, and two
 * at least): the same feed at another address (`/feed/` and `/?feed=rss2`), which would show every post twice.
 * Undefined when it does not.
 */
export async function samePostsAs(
  db: Database,
  posts: readonly NormalizedItem[],
): Promise<string | undefined> {
  const compared = [...posts].sort((a, b) => b.publishedAt - a.publishedAt).slice(0, POSTS_COMPARED);
  const found = await findSourceSharingPosts(db, compared);
  if (!found) return undefined;
  const { shared } = found;
  if (shared < 2 || shared * 2 < compared.length) return undefined;
  const said = {
    count: shared,
    total: compared.length,
    // Named as the Sources page names it, with its address: the coordinator knows it by its title.
    source: found.source.title ? `${found.source.title} (${found.source.feedUrl})` : found.source.feedUrl,
    school: found.source.schoolName,
  };
  return compared.length < posts.length
    ? t('desk.sourceOutcomes.samePostsNewest', said)
    : t('desk.sourceOutcomes.samePosts', said);
}

/**
 * Every check addSource makes before writing, the authorization's dates included: for callers that read the
 * feed before adding it, so a mistyped date is said before the wait for a feed, not after.
 */
export async function checkAddition(db: Database, input: AddSourceInput, now: number) {
  const checked = checkSourceInput(input);
  if (!checked.ok) return checked;
  const [settings, teacherSettings] = await Promise.all([readDistrictSettings(db), readTeacherSettings(db)]);
  const authorization = checkAuthorization(input, {
    reviewMonths: teacherSettings.authorizationReviewMonths,
    timezone: settings.timezone,
    now,
  });
  if (!authorization.ok) return authorization;
  // Sources whose review date has passed are not read (db/sources.ts), so one added so would only sit there.
  const { reviewAt } = authorization.record;
  if (reviewAt !== null && reviewAt <= now) {
    const day = formatLongDate(localDateOf(reviewAt, settings.timezone));
    return {
      ok: false as const,
      message: input.reviewOn
        ? t('desk.sourceOutcomes.givenReviewPassed', { day })
        : t('desk.sourceOutcomes.reviewPassed', { day }),
    };
  }
  return { ...checked, authorization };
}

export async function addSource(
  db: Database,
  input: AddSourceInput,
  actor: Actor,
  now: number,
): Promise<AddSourceOutcome> {
  const checked = await checkAddition(db, input, now);
  if (!checked.ok) return checked;
  const already = await alreadyASource(db, checked.url);
  if (already) return { ok: false, message: already };
  const { authorization } = checked;
  const school = await findOrCreateSchool(db, checked.school, now);
  const source = await insertSource(
    db,
    {
      schoolId: school.id,
      feedUrl: checked.url,
      ownerName:
        cleanText(input.ownerName ?? '')
          .trim()
          .slice(0, 120) || null,
      ownerEmail: checked.ownerEmail,
      mediaRelease: input.mediaRelease ?? false,
      ...authorization.record,
    },
    now,
  );
  if (!source) return { ok: false, message: t('desk.sourceOutcomes.alreadyASource', { url: checked.url }) };
  await recordAudit(
    db,
    actor,
    {
      action: 'source.add',
      subjectType: 'source',
      subjectId: source.id,
      details: {
        url: checked.url,
        school: school.name,
        mediaRelease: source.mediaRelease,
        authorizedBy: source.authorizedBy,
        reviewAt: source.reviewAt,
      },
    },
    now,
  );
  return { ok: true, source };
}

// The coordinator's desk as a service: loading a day, saving drafts without ever overwriting someone else's
// work, the district's checks, overrides, review and approval, publishing. The admin pages and the JSON API
// both call these functions, so roles, checks and conflicts are the same for both.
import { keepFeedIdsFrom } from '../publish/feed-ids';
import { listDigestSocialPosts, type DigestSocialPost } from '../db/social-posts';
import { socialTextToCheck } from '../social/preview-posts';
import { senderOf } from '../email/email-address';
import { auditStatement, recordAudit, type Actor, type AuditEvent } from '../db/audit';
import type { Database } from '../db/client';
import {
  findDigest,
  listCorrections,
  listEntries,
  markDigestReady,
  saveDigestDraft,
  submitDigest,
  takeDownDigestEntry,
  overrideVoidsApprovalStatements,
  clearEntryPicture,
  unpublishDigest,
  type Digest,
  type DigestCorrection,
  type DigestDraft,
  listRemovals,
  type DigestEntryWithItem,
  type Removal,
  type EntryDraft,
} from '../db/digests';
import { countDigestRecipients } from '../db/deliveries';
import { listOverrides, upsertOverrideStatement } from '../db/findings';
import { findItemsByIds, listItemsPublishedBetween, type InboxListing } from '../db/items';
import {
  findPictures,
  listEntriesSharingPictures,
  listPublishedPictureLooks,
  findTakedownPost,
  listTakenDownLooks,
  withPictures,
} from '../db/pictures';
import { nameListWordsAmong } from '../db/roster';
import { firstNameCandidates } from './no-release-names';
import { foldName } from '../text/fold-name';
import { fileNameWords, linkWords, withoutInvisible } from './find-student-names';
import { socialLooksBefore } from '../social/after-takedown';
import type { ReplacedPosts } from '../db/social-posts';
import { listStaffNamesBySchool } from '../db/sources';
import { listPostOwners, type OwnerNote } from '../db/owner-notes';
import { findUserById, type Role } from '../db/users';
import type { AppDeps, Background } from '../deps';
import { newMessageId, type Mailer } from '../email/mailer';
import { renderDigestEmail, type EmailSite } from '../email/render-digest-email';
import { t } from '../i18n/desk-text';
import { formatDay, formatLongDate } from '../publish/digest-content';
import { publishDigestForDate } from '../publish/publish-digest';
import { localizeContents } from '../publish/localize-content';
import { plural } from '../text/plural';
import { slotForReady } from '../publish/schedule';
import { readDistrictSettings, siteOf, type DistrictSettings } from '../settings/district-settings';
import { dayRange, localDateOf } from '../time/zoned-time';
import { randomToken } from '../auth/tokens';
import { defaultEntry } from './entry-defaults';
import { emailIsOn } from '../email/no-mailer';
import type { Logger } from '../log';
import { copyPictures, takeDownPicture, type PictureDeps } from '../pictures/copy-pictures';
import { looksAlike, sameLooks } from '../pictures/picture-looks';
import { changeAfterPublishing, pictureStillIn, type ChangeAfterPublishing } from './changed-posts';
import { notifyEditors } from './notify-editors';
import { imagesOf, type ImageChoice } from './item-images';
import {
  checkCorrectionNote,
  DIGEST_LEVEL,
  FINDING_KINDS,
  NOT_OVERRIDABLE,
  postHints,
  runChecks,
  type Finding,
  type FindingKind,
  type NotOverridableKind,
  type Override,
  type PostHint,
} from './run-checks';
import { listDigestTranslations, type DigestTranslation } from '../db/translations';
import {
  checkTranslationsOf,
  languageLabel,
  translatedLanguages,
  unreviewedFindings,
} from './translations-checks';

export type Permission = 'curate' | 'publish' | 'override' | 'approve';

/**
 * The most posts one digest holds. A day's digest is a curated handful; far beyond this it is a mistake (or a
 * script gone wrong), and it is refused with a sentence before anything is looked up or written.
 */
export const MAX_DIGEST_ENTRIES = 200;

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  contributor: ['curate'],
  editor: ['curate', 'publish', 'override', 'approve'],
  admin: ['curate', 'publish', 'override', 'approve'],
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}

/** Who acts at the desk: a signed-in person, or an API token acting with a role. */
export interface DeskActor extends Actor {
  role: Role;
  /** The person's user id; null for an API token. */
  userId: number | null;
  email?: string;
}

/** A refusal with a sentence for people and a code for programs; the routes turn it into a response. */
export class DeskError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 422,
    readonly code: string,
    message: string,
    readonly details: {
      findings?: Finding[];
      current?: DeskState;
      /** A save refused because another saved meanwhile: the same person (from another tab) or someone else. */
      savedBy?: 'you' | 'someone-else';
      /** Which of the texts a button carries was refused, when it is not the first (its form name holds this). */
      field?: string;
    } = {},
  ) {
    super(message);
  }
}

export interface DeskDeps {
  db: Database;
  now(): number;
  /** Where chosen pictures are copied; absent, no picture can be published (pictures-unavailable). */
  pictures?: PictureDeps;
  log: Logger;
  signingKey: string;
  background: Background;
  publicUrl: string;
  mailer: Mailer;
  mailFrom: string;
}

export function deskDepsOf(deps: AppDeps): DeskDeps {
  return {
    db: deps.db,
    now: () => deps.clock.now(),
    pictures: deps.pictures,
    log: deps.log,
    signingKey: deps.signingKey,
    background: deps.background,
    publicUrl: deps.config.publicUrl,
    mailer: deps.mailer,
    mailFrom: deps.config.mailFrom,
  };
}

export interface DeskEntry extends DigestEntryWithItem {
  images: ImageChoice[];
  findings: Finding[];
  /**
   * In a published digest, who a takedown would tell: the owner of the post's feed (null when it has none),
   * and when they asked for no more emails about it, if they did.
   */
  owner?: { email: string; stoppedAt: number | undefined; sourceId: number } | null;
  /**
   * In a published digest, the other published posts that show the same picture (the same photo in another
   * post, or on another day), by their digest's date: taking the picture down takes it from them too.
   */
  sharesPicture?: { date: string; itemId: number }[];
  /** In a published digest, when the post changed on its teacher's site after publishing (changed-posts.ts). */
  changedAfterPublishing?: ChangeAfterPublishing;
}

export interface DeskState {
  date: string;
  settings: DistrictSettings;
  digest: Digest | undefined;
  entries: DeskEntry[];
  /** Every post of the day from authorized accounts, selected or not. */
  items: InboxListing[];
  findings: Finding[];
  /** Findings nobody has resolved: publishing waits until there are none. */
  open: Finding[];
  approval: { required: boolean; approved: boolean };
  /**
   * For a published digest: its corrections so far, how many people its email reached, and how many are still
   * waiting for it (their email will show a correction made now).
   */
  corrections: DigestCorrection[];
  recipients: number;
  waiting: number;
  /** For a published (or taken down) digest: its posts on the district's social accounts. */
  social: DigestSocialPost[];
  /** For a published digest: the posts taken down from it since, with when and why. */
  takenDown: Removal[];
  /** The digest in the district's other languages, by language (only those someone saved or drafted). */
  translations: Map<string, DigestTranslation>;
  /** For the day's posts not in the digest: what the name and tone checks would find in them once added. */
  hints?: ReadonlyMap<number, PostHint[]>;
}

export interface EntryInput {
  itemId: number;
  headline?: string;
  blurb?: string;
  imageUrl?: string | null;
  imageAlt?: string | null;
}

export interface DraftInput {
  title?: string;
  intro?: string;
  entries: EntryInput[];
  /** The version the editor started from; a save from an older version is refused as a conflict. */
  version?: number;
}

/** Refuses, with `refusal` (the sentence naming the actor's role), a role without `permission`. */
export function requirePermission(actor: DeskActor, permission: Permission, refusal: string): void {
  if (!can(actor.role, permission)) throw new DeskError(403, 'forbidden', refusal);
}

/**
 * Whether the version now saved is the actor's own (another tab or window of theirs): a person's, never a
 * program's, whose saves name nobody.
 */
function savedByThem(current: DeskState, actor: DeskActor): boolean {
  return actor.userId !== null && current.digest?.updatedBy === actor.userId;
}

/** A save refused because another saved meanwhile: someone else, or the same person in another tab. */
function savedMeanwhile(current: DeskState, actor: DeskActor): DeskError {
  const yours = savedByThem(current, actor);
  return new DeskError(
    409,
    'conflict',
    yours ? t('desk.refusals.savedByYouElsewhere') : t('desk.refusals.savedBySomeoneElse'),
    { current, savedBy: yours ? 'you' : 'someone-else' },
  );
}

export async function loadDesk(deps: DeskDeps, date: string): Promise<DeskState> {
  const settings = await readDistrictSettings(deps.db);
  const { start, end } = dayRange(date, settings.timezone);
  const [digest, items] = await Promise.all([
    findDigest(deps.db, date),
    listItemsPublishedBetween(deps.db, start, end),
  ]);
  const [entries, translations] = digest
    ? await Promise.all([
        listEntries(deps.db, [digest.id]).then((listed) => withPictures(deps.db, listed)),
        listDigestTranslations(deps.db, [digest.id]).then((found) => found.get(digest.id) ?? new Map()),
      ])
    : [[], new Map<string, DigestTranslation>()];
  const choices = new Map(entries.map((entry) => [entry.itemId, imagesOf(entry.item)]));
  const [findings, takenDownPictures] = await Promise.all([
    digest ? checkDigest(deps, settings, digest, entries, translations) : [],
    // Pictures the district took down, marked where the desk offers them (choosing one is refused).
    findPictures(deps.db, [...new Set([...choices.values()].flat().map((image) => image.url))]).then(
      (found) =>
        new Map(
          [...found].flatMap(([url, picture]) =>
            picture.state === 'removed' ? [[url, picture.removedAt ?? 0] as const] : [],
          ),
        ),
    ),
  ]);
  const published = digest && digest.status !== 'draft' && digest.status !== 'ready';
  const chosen = new Set(entries.map((e) => e.itemId));
  const hints = published
    ? undefined
    : await hintsOf(
        deps,
        settings,
        items.filter((item) => !chosen.has(item.id)),
      );
  const [corrections, recipients, social, takenDown, owners, shared] = published
    ? await Promise.all([
        listCorrections(deps.db, [digest.id]),
        countDigestRecipients(deps.db, digest.id),
        listDigestSocialPosts(deps.db, digest.id),
        listRemovals(deps.db, [digest.id]),
        listPostOwners(
          deps.db,
          entries.map((e) => e.itemId),
        ),
        listEntriesSharingPictures(deps.db, digest.id),
      ])
    : [[], { reached: 0, waiting: 0 }, [], [], undefined, undefined];
  return {
    date,
    settings,
    digest,
    entries: entries.map((entry) => ({
      ...entry,
      images: (choices.get(entry.itemId) ?? []).map((image) => {
        const takenDownAt = takenDownPictures.get(image.url);
        return takenDownAt === undefined ? image : { ...image, takenDownAt };
      }),
      findings: findings.filter((f) => f.itemId === entry.itemId),
      ...(owners ? { owner: owners.get(entry.itemId) ?? null } : {}),
      ...(shared
        ? {
            sharesPicture: shared
              .filter((s) => s.itemId === entry.itemId)
              .map((s) => ({ date: s.date, itemId: s.otherItemId })),
          }
        : {}),
      ...(digest?.status === 'published'
        ? { changedAfterPublishing: changedSinceSeen(entry, digest.publishedAt, digest.correctedAt) }
        : {}),
    })),
    items,
    findings,
    open: findings.filter((f) => !f.override),
    approval: {
      required: settings.requireApproval,
      approved: !!digest && digest.approvedBy != null && digest.approvedVersion === digest.version,
    },
    corrections,
    recipients: recipients.reached,
    waiting: recipients.waiting,
    social,
    takenDown,
    translations,
    hints,
  };
}

/** Beside each post not chosen yet, what the checks would say of it, so the day's posts can be sorted first. */
async function hintsOf(
  deps: DeskDeps,
  settings: DistrictSettings,
  posts: InboxListing[],
): Promise<Map<number, PostHint[]>> {
  const staffBySchool = await listStaffNamesBySchool(deps.db);
  const context = { nameAllowlist: settings.nameAllowlist, toneWords: settings.toneWords };
  return new Map(
    posts.map((post) => [
      post.id,
      postHints(post, { ...context, staff: staffBySchool.get(post.schoolId) ?? [] }),
    ]),
  );
}

/** All findings for a digest as it is stored, the email's plain text included (also for a correction). */
export async function checkDigest(
  deps: DeskDeps,
  settings: DistrictSettings,
  digest: Digest,
  entries: DigestEntryWithItem[],
  translations: ReadonlyMap<string, DigestTranslation>,
  /**
   * A correction, checked with its note. It is never held for a translation: readers of that language see
   * the corrected original.
   */
  options: { correction?: { note: string } } = {},
): Promise<Finding[]> {
  const site: EmailSite = siteOf(settings, deps.publicUrl);
  const email = entries.length
    ? renderDigestEmail({ digest, entries }, { schoolIds: [], schoolNames: [] }, site)
    : undefined;
  const [overrides, staffBySchool, pictureProblems, picturesLikeTakenDown, socialText] = await Promise.all([
    reasonsInForce(deps, digest, options.correction !== undefined),
    listStaffNamesBySchool(deps.db),
    pictureProblemsOf(deps, entries, settings.timezone),
    picturesLikeTakenDownOf(
      deps,
      entries,
      settings.timezone,
      digest.status === 'published' || options.correction !== undefined,
    ),
    entries.length ? socialTextToCheck(deps.db, { digest, entries }, deps.publicUrl) : '',
  ]);
  const translated = checkTranslationsOf(settings, translations);
  const texts = [
    digest.title,
    digest.intro,
    email?.text ?? '',
    socialText,
    ...entries.flatMap((e) => [
      e.headline,
      e.blurb,
      e.imageAlt ?? '',
      e.item.summary,
      e.item.author ?? '',
      linkWords(e.item.url),
    ]),
    ...translated.flatMap((t) => [
      t.title,
      t.intro,
      ...[...t.entries.values()].flatMap((e) => [e.headline, e.blurb, e.imageAlt]),
    ]),
  ];
  const [isRosterSurname, isNoReleaseName] = await Promise.all([
    rosterSurnamesIn(deps, texts),
    // Only a post with a picture is asked about the students it names, its picture's file name included.
    noReleaseNamesIn(
      deps,
      entries.flatMap((e) => {
        if (!e.imageUrl) return [];
        const own = [
          e.headline,
          e.blurb,
          e.imageAlt ?? '',
          e.item.summary,
          fileNameWords(e.imageUrl),
          e.item.author ?? '',
          linkWords(e.item.url),
        ];
        const other = translated.flatMap((language) => {
          const words = language.entries.get(e.itemId);
          return words ? [words.headline, words.blurb, words.imageAlt] : [];
        });
        return [...own, ...other];
      }),
    ),
  ]);
  const findings = runChecks({
    date: digest.date,
    timezone: settings.timezone,
    title: digest.title,
    intro: digest.intro,
    entries: entries.map((e) => ({
      itemId: e.itemId,
      headline: e.headline,
      blurb: e.blurb,
      imageUrl: e.imageUrl,
      imageAlt: e.imageAlt,
      item: e.item,
    })),
    staffBySchool,
    toneWords: settings.toneWords,
    nameAllowlist: settings.nameAllowlist,
    isRosterSurname,
    isNoReleaseName,
    overrides,
    emailText: email?.text,
    socialText,
    pictureProblems,
    picturesLikeTakenDown,
    picturesNotInPost: new Set(
      entries.flatMap((e) => (e.imageUrl && !pictureStillIn(e.item, e.imageUrl) ? [e.itemId] : [])),
    ),
    translations: translated,
    alreadyPublished: digest.status === 'published' || options.correction !== undefined,
  });
  return options.correction
    ? [
        ...findings,
        ...(await correctionNoteFindings(deps, settings, [
          { lang: settings.languages[0]!, text: options.correction.note },
          ...translatedLanguages(settings).flatMap((lang) => {
            const text = translations.get(lang)?.correctionNote;
            return text ? [{ lang, text }] : [];
          }),
        ])),
      ]
    : [...findings, ...(entries.length ? unreviewedFindings(settings, digest, translations) : [])];
}

/**
 * The reasons recorded for a digest's findings that still count. Each covers what its finding found when it
 * was given (run-checks.ts). One given before that was kept covers the text it was given to: of a draft not
 * saved since, of a digest made ready, and of a published digest as it went out; checking a correction's new
 * text, it covers only what the stored text's finding found.
 */
async function reasonsInForce(deps: DeskDeps, digest: Digest, correcting: boolean): Promise<Override[]> {
  const all = await listOverrides(deps.db, digest.id);
  if (all.every((o) => o.covers !== null)) return all;
  // A ready digest is as it was scheduled (any save makes it a draft again); the release before this one moved
  // its updated time when it was made ready, after the reasons given for it.
  if (digest.status === 'draft')
    return all.filter((o) => o.covers !== null || o.createdAt >= digest.updatedAt);
  if (digest.status === 'ready' || !correcting) return all;
  const stored = await loadDesk(deps, digest.date);
  return all.map((o) =>
    o.covers !== null
      ? o
      : {
          ...o,
          covers:
            stored.findings.find((f) => f.itemId === o.itemId && f.kind === o.kind && f.override)?.covers ??
            '',
        },
  );
}

/**
 * What the checks find in a correction's note, in the district's language and in others: a student's full
 * name, which is reworded, never recorded as fine (run-checks.ts).
 */
export async function correctionNoteFindings(
  deps: DeskDeps,
  settings: DistrictSettings,
  notes: { lang: string; text: string }[],
): Promise<Finding[]> {
  const [staffBySchool, isRosterSurname] = await Promise.all([
    listStaffNamesBySchool(deps.db),
    rosterSurnamesIn(
      deps,
      notes.map(({ text }) => text),
    ),
  ]);
  return checkCorrectionNote({
    notes: notes.map(({ lang, text }) => ({
      label: lang === settings.languages[0] ? undefined : languageLabel(lang),
      text,
    })),
    staff: [...staffBySchool.values()].flat(),
    nameAllowlist: settings.nameAllowlist,
    isRosterSurname,
  });
}

/**
 * Which capitalized words of these texts are surnames on the district's roster (stored hashed): the test the
 * name checks ask of a word, or undefined when none is, so they skip it.
 */
export async function rosterSurnamesIn(
  deps: DeskDeps,
  texts: string[],
): Promise<((word: string) => boolean) | undefined> {
  const capitalized = texts.flatMap(
    (text) =>
      withoutInvisible(text)
        .normalize('NFC')
        .match(/\p{Lu}[\p{L}\p{M}'’-]+/gu) ?? [],
  );
  const roster = await nameListWordsAmong(deps.db, deps.signingKey, 'roster', capitalized);
  return roster.size ? (word) => roster.has(foldName(word)) : undefined;
}

/**
 * Which of the first names these texts may hold (firstNameCandidates) are on the office's list of students
 * without a media release (stored hashed): the test the photo check asks of a word, or undefined when none is.
 */
export async function noReleaseNamesIn(
  deps: DeskDeps,
  texts: string[],
): Promise<((word: string) => boolean) | undefined> {
  const candidates = texts.flatMap((text) => firstNameCandidates(text));
  const found = await nameListWordsAmong(deps.db, deps.signingKey, 'noRelease', candidates);
  return found.size ? (word) => found.has(foldName(word)) : undefined;
}

/** Why each chosen picture the district has no copy of cannot be shown, as the finding says it. */
async function pictureProblemsOf(
  deps: DeskDeps,
  entries: DigestEntryWithItem[],
  timezone: string,
): Promise<Map<string, string>> {
  const missing = entries.flatMap((e) => (e.imageUrl && !e.picture ? [e.imageUrl] : []));
  const problems = new Map<string, string>();
  if (!missing.length) return problems;
  // Nowhere to keep pictures (a Worker without its MEDIA bucket): digests publish without them.
  if (!deps.pictures) return problems;

  const known = await findPictures(deps.db, missing);
  for (const url of missing) {
    const picture = known.get(url);
    problems.set(
      url,
      !picture
        ? t('desk.checks.pictureNotCopied')
        : picture.state === 'removed'
          ? t('desk.checks.pictureTakenDown', {
              day: formatLongDate(localDateOf(picture.removedAt ?? 0, timezone)),
            })
          : t('desk.checks.pictureUnavailable', { problem: picture.reason ?? 'it could not be read.' }),
    );
  }
  return problems;
}

/**
 * Chosen pictures whose copy looks like a copy taken down (pictures/picture-looks.ts): the bytes differ, so
 * the copy was made, but it is most likely the same photo resized, re-saved or posted again from another
 * account. Said as the finding says it.
 */
async function picturesLikeTakenDownOf(
  deps: DeskDeps,
  entries: DigestEntryWithItem[],
  timezone: string,
  /**
   * A published digest (or a correction of one) is held up only by pictures copied after the takedown they
   * look like: chosen since. One published before was named when that picture came down, for a person to look
   * at; it does not block every later correction of its digest.
   */
  published: boolean,
): Promise<Map<string, { message: string; key: string }>> {
  const alike = new Map<string, { message: string; key: string }>();
  const chosen = entries.flatMap((e) => (e.imageUrl && e.picture?.looks ? [e] : []));
  if (!chosen.length) return alike;
  const takenDown = await listTakenDownLooks(deps.db);
  for (const entry of chosen) {
    const picture = entry.picture!;
    const match = sameLooks(
      picture.looks,
      published ? takenDown.filter((down) => down.removedAt < picture.copiedAt) : takenDown,
    );
    if (!match) continue;
    const day = formatLongDate(localDateOf(match.removedAt, timezone));
    // The post it came down from, so the coordinator can tell which photo it was (its bytes are gone).
    const from = await findTakedownPost(deps.db, match.key);
    alike.set(entry.imageUrl!, {
      message: from
        ? t('desk.checks.pictureLikeTakenDownFrom', {
            day,
            headline: from.headline,
            digest: formatLongDate(from.date),
          })
        : t('desk.checks.pictureLikeTakenDown', { day }),
      key: match.key,
    });
  }
  return alike;
}

// True whether their save came before this one (refused) or just after it (this one replaced at once).
/**
 * Saves a draft: the given entries in the given order; fields not given keep their stored value (or the
 * post's default for a newly added post). Refused as a conflict if someone saved since `version`.
 */
export async function saveDesk(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  input: DraftInput,
): Promise<DeskState & { unscheduled?: boolean }> {
  requirePermission(actor, 'curate', t('desk.refusals.forbidden.editDigests', { role: actor.role }));
  const before = await loadDesk(deps, date);
  if (before.digest?.status === 'published') {
    throw new DeskError(409, 'published', t('desk.refusals.alreadyPublishedHere'));
  }
  const entries = await resolveEntries(deps, before, input.entries);
  // Copy at selection: a picture chosen now is fetched, cleaned and kept before the save is answered, and one
  // whose copy failed before is tried again, even when nothing else changed.
  const copied = deps.pictures ? await copyPictures(deps as PictureDeskDeps, imageUrlsOf(entries)) : 0;
  const title = limitLine(input.title, before.digest?.title ?? '', 200, (n) =>
    t('desk.refusals.tooLong.title', n),
  );
  const intro = limit(input.intro ?? before.digest?.intro ?? '', 1000, (n) =>
    t('desk.refusals.tooLong.intro', n),
  );
  // Version 0 means "I saw no digest": if one exists now, someone saved first, and that is a conflict.
  const expectedVersion =
    input.version === 0 ? (before.digest ? 0 : undefined) : (input.version ?? before.digest?.version);
  // Saving what is already saved makes no new version: a button that saves first (publish, schedule) must not
  // void a second person's approval of exactly this version, nor make its presser the last editor.
  if (expectedVersion === before.digest?.version && isStoredVersion(before, { title, intro, entries }))
    return copied ? loadDesk(deps, date) : before;
  const saved = await saveDigestDraft(
    deps.db,
    date,
    { title, intro, entries },
    {
      expectedVersion,
      userId: actor.userId,
      now: deps.now(),
    },
  );
  if (!saved.ok) {
    const current = await loadDesk(deps, date);
    if (saved.reason === 'published' && current.digest?.status === 'unpublished')
      throw new DeskError(409, 'unpublished', t('desk.refusals.takenDownMeanwhile'), { current });
    if (saved.reason === 'published')
      throw new DeskError(409, 'published', t('desk.refusals.publishedMeanwhile'), { current });
    throw savedMeanwhile(current, actor);
  }
  const after = await loadDesk(deps, date);
  if (after.digest?.version !== saved.digest.version) {
    // Someone saved again in the moment since: what follows (publishing, scheduling, the next autosave)
    // must act on the version this request saved or on none, never on theirs unseen.
    throw savedMeanwhile(after, actor);
  }
  const resolved = before.open.filter(
    (f) =>
      !after.open.some((g) => g.itemId === f.itemId && g.kind === f.kind) &&
      entries.some((e) => e.itemId === f.itemId || f.itemId === DIGEST_LEVEL),
  );
  if (resolved.length) {
    await recordAudit(
      deps.db,
      actor,
      {
        action: 'finding.resolved_by_edit',
        subjectType: 'digest',
        subjectId: date,
        details: { findings: resolved.map(({ itemId, kind }) => ({ itemId, kind })) },
      },
      deps.now(),
    );
  }
  // A new version is a draft again (saveDigestDraft): one that was scheduled no longer goes out by itself.
  return before.digest?.status === 'ready' ? { ...after, unscheduled: true } : after;
}

/** Whether a draft, read the way a save reads it, says anything other than the stored version. */
export async function differsFromStored(
  deps: DeskDeps,
  state: DeskState,
  input: DraftInput,
): Promise<boolean> {
  const digest = state.digest;
  if (!digest) return true;
  const entries = await resolveEntries(deps, state, input.entries);
  return !isStoredVersion(state, {
    title: input.title?.trim() ?? digest.title,
    intro: input.intro?.trim() ?? digest.intro,
    entries,
  });
}

function isStoredVersion(state: DeskState, content: DigestDraft): boolean {
  const digest = state.digest;
  return (
    !!digest &&
    content.title === digest.title &&
    content.intro === digest.intro &&
    content.entries.length === state.entries.length &&
    content.entries.every((entry, i) => {
      const stored = state.entries[i]!;
      return (
        entry.itemId === stored.itemId &&
        entry.headline === stored.headline &&
        entry.blurb === stored.blurb &&
        entry.imageUrl === stored.imageUrl &&
        entry.imageAlt === stored.imageAlt
      );
    })
  );
}

/** The entries a save would store for these inputs: checked, with defaults filled in, trimmed. */
export async function resolveEntries(
  deps: DeskDeps,
  state: DeskState,
  inputs: EntryInput[],
): Promise<EntryDraft[]> {
  if (inputs.length > MAX_DIGEST_ENTRIES)
    throw new DeskError(
      422,
      'too-many-entries',
      t('desk.refusals.tooManyEntries', { max: MAX_DIGEST_ENTRIES, given: inputs.length }),
    );
  const ids = [...new Set(inputs.map((e) => e.itemId))];
  const items = new Map((await findItemsByIds(deps.db, ids)).map((item) => [item.id, item]));
  const stored = new Map(state.entries.map((e) => [e.itemId, e]));
  const seen = new Set<number>();
  const drafts: EntryDraft[] = [];
  for (const input of inputs) {
    // Each post once: a second mention (which of its texts would count?) is refused, not quietly dropped.
    if (seen.has(input.itemId))
      throw new DeskError(422, 'duplicate-entry', t('desk.refusals.duplicateEntry', { id: input.itemId }));
    seen.add(input.itemId);
    const item = items.get(input.itemId);
    if (!item) throw new DeskError(422, 'unknown-item', t('desk.refusals.unknownItem', { id: input.itemId }));
    const base = stored.get(item.id) ?? defaultEntry(item);
    const imageUrl = input.imageUrl === undefined ? base.imageUrl : input.imageUrl || null;
    // A picture chosen must be one of the post's own; one chosen before and kept stays, even if the post has
    // dropped it since (the checks then say so: picture-not-in-post), so that the rest can still be saved.
    const kept = imageUrl !== null && imageUrl === stored.get(item.id)?.imageUrl;
    if (imageUrl && !kept && !imagesOf(item).some((image) => image.url === imageUrl)) {
      throw new DeskError(422, 'invalid-image', t('desk.refusals.invalidImage', { post: item.title }));
    }
    // A headline left empty is the post's title again.
    const headline = (text: string) => text.trim() || item.title;
    drafts.push({
      itemId: item.id,
      headline: limitLine(
        input.headline === undefined ? undefined : headline(input.headline),
        headline(base.headline),
        200,
        (n) => t('desk.refusals.tooLong.headline', { ...n, post: item.title }),
      ),
      blurb: limit(input.blurb ?? base.blurb, 1000, (n) =>
        t('desk.refusals.tooLong.blurb', { ...n, post: item.title }),
      ),
      imageUrl,
      imageAlt: imageUrl
        ? limitLine(
            input.imageAlt === undefined ? undefined : (input.imageAlt ?? ''),
            base.imageAlt ?? '',
            500,
            (n) => t('desk.refusals.tooLong.alt', n),
          )
        : null,
    });
  }
  return drafts;
}

/**
 * A one-line text (a title, a headline, a picture's description) as `limit` keeps it: `given` (by a form or
 * the API's JSON) with its line breaks made spaces, since a feed's title or an email's subject must not hold
 * one; when nothing is given, what is `kept` stands as it was, so a save that does not touch it changes nothing.
 */
export function limitLine(
  given: string | undefined,
  kept: string,
  max: number,
  refusal: (lengths: { length: number; max: number }) => string,
): string {
  return limit(
    given === undefined ? kept : given.replace(/\s*[\r\n\u0085\u2028\u2029]+\s*/g, ' '),
    max,
    refusal,
  );
}

/** The text trimmed, or refused with `refusal`'s sentence (given its length and `max`) if longer than `max`. */
export function limit(
  text: string,
  max: number,
  refusal: (lengths: { length: number; max: number }) => string,
): string {
  const trimmed = text.trim();
  if (trimmed.length > max) throw new DeskError(422, 'too-long', refusal({ length: trimmed.length, max }));
  return trimmed;
}

/**
 * The translations as they stand (each language and when it was last written): saving one does not move the
 * digest's version, so a page that asks before publishing carries this too, and publishing refuses when it
 * changed (translationsSeenRefusal).
 */
export function translationsSeen(state: Pick<DeskState, 'translations'>): string {
  return [...state.translations.values()]
    .map((translation) => `${translation.lang}:${translation.updatedAt ?? 0}`)
    .sort()
    .join(',');
}

/** The refusal when the translations changed since the page that asked was drawn (`seen`), if they did. */
export function translationsSeenRefusal(state: Pick<DeskState, 'translations'>, seen: string) {
  return translationsSeen(state) === seen
    ? undefined
    : new DeskError(409, 'translations-changed', t('desk.refusals.translationsChangedSinceSeen'));
}

/** What stands between this digest and publishing: nothing to publish, open findings, a missing approval. */
export function assertPublishable(state: DeskState, version: number | undefined): Digest {
  const { digest } = state;
  if (!digest || state.entries.length === 0)
    throw new DeskError(422, 'empty', t('desk.refusals.nothingToPublish', { day: formatDay(state.date) }));
  if (digest.status === 'published')
    throw new DeskError(
      409,
      'published',
      t('desk.refusals.alreadyPublished', { day: formatDay(state.date) }),
    );
  if (version !== undefined && version !== digest.version) {
    throw new DeskError(409, 'conflict', t('desk.refusals.changedSinceSeen'), { current: state });
  }
  if (state.open.length) {
    throw new DeskError(422, 'findings', t('desk.refusals.findingsOpen', { count: state.open.length }), {
      findings: state.open,
    });
  }
  if (state.approval.required && !state.approval.approved) {
    throw new DeskError(422, 'approval-required', t('desk.refusals.approvalRequired'));
  }
  return digest;
}

/**
 * assertPublishable, with a refusal for open findings recorded in the audit log (who tried to publish past
 * which findings), whichever button asked.
 */
export async function checkPublishable(
  deps: DeskDeps,
  actor: DeskActor,
  state: DeskState,
  version: number | undefined,
): Promise<Digest> {
  try {
    return assertPublishable(state, version);
  } catch (error) {
    if (error instanceof DeskError && error.code === 'findings') {
      await recordAudit(
        deps.db,
        actor,
        {
          action: 'digest.publish_refused',
          subjectType: 'digest',
          subjectId: state.date,
          details: { findings: state.open.map(({ itemId, kind }) => ({ itemId, kind })) },
        },
        deps.now(),
      );
    }
    throw error;
  }
}

export async function publishDesk(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  version?: number,
  auditDetails?: Record<string, unknown>,
): Promise<{ queued: number }> {
  requirePermission(actor, 'publish', t('desk.refusals.forbidden.publishDigests', { role: actor.role }));
  // A day not begun has no posts of its own; a digest for it (a mistyped year) would sit above every real one.
  const { timezone } = await readDistrictSettings(deps.db);
  if (date > localDateOf(deps.now(), timezone))
    throw new DeskError(422, 'future-day', t('desk.refusals.futureDay', { day: formatLongDate(date) }));
  // A draft saved before pictures were copied (or whose copy failed then) gets its copies now, scheduled or not.
  const existing = await findDigest(deps.db, date);
  if (existing && deps.pictures)
    await copyPictures(deps as PictureDeskDeps, imageUrlsOf(await listEntries(deps.db, [existing.id])));
  const state = await loadDesk(deps, date);
  const digest = await checkPublishable(deps, actor, state, version);
  const published = await publishDigestForDate(
    { db: deps.db, background: deps.background, now: deps.now, queueEmails: emailIsOn(deps.mailer) },
    date,
    actor,
    digest.version,
    auditDetails,
    // Exactly what was checked: a translation saved since, or (where a second person is required) a finding
    // overridden since, stops it too, though neither moves the version.
    digest.writeToken,
  );
  // The address the district's feeds make their entry ids from, kept at its first publish (publish/feed-ids.ts);
  // the digest is out by now, so a failure here is logged, not answered as a failure to publish.
  if (published.ok)
    await keepFeedIdsFrom(deps.db, deps.publicUrl, deps.now()).catch((error: unknown) =>
      deps.log.warn('feed ids: the public address could not be kept', { error: String(error) }),
    );
  if (!published.ok && published.reason === 'changed') {
    const current = await loadDesk(deps, date);
    // The same version, written to meanwhile: a language or a finding's reason, not a version to set beside it.
    if (current.digest?.version === digest.version)
      throw new DeskError(409, 'changed-meanwhile', t('desk.refusals.reasonOrLanguageWhilePublishing'));
    throw new DeskError(409, 'conflict', t('desk.refusals.savedWhilePublishing'), { current });
  }
  if (!published.ok)
    throw new DeskError(
      409,
      published.reason === 'nothing-selected' ? 'empty' : 'published',
      published.message,
    );
  // Said in the server's log too, where whoever runs it looks for what happened this morning.
  deps.log.info('published the digest', { date, emails: published.queued });
  return { queued: published.queued };
}

/** Ready: the scheduler publishes this exact version at the district's next publish slot; returns that slot. */
export async function markReady(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  version?: number,
): Promise<number> {
  requirePermission(actor, 'publish', t('desk.refusals.forbidden.scheduleDigests', { role: actor.role }));
  const state = await loadDesk(deps, date);
  const digest = assertPublishable(state, version);
  const now = deps.now();
  const slot = slotForReady(date, now, state.settings);
  if (slot === undefined) throw new DeskError(422, 'no-publish-days', t('desk.refusals.noPublishDays'));
  if (!(await markDigestReady(deps.db, digest.id, digest.version, slot))) {
    throw new DeskError(409, 'conflict', t('desk.refusals.changedWhileScheduling'));
  }
  await recordAudit(
    deps.db,
    actor,
    {
      action: 'digest.ready',
      subjectType: 'digest',
      subjectId: date,
      details: { version: digest.version, scheduledFor: new Date(slot).toISOString() },
    },
    now,
  );
  return slot;
}

export async function overrideFinding(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  finding: { itemId: number; kind: string; reason: string },
): Promise<DeskState & { approvalTakenBack: boolean }> {
  requirePermission(actor, 'override', t('desk.refusals.forbidden.overrideFindings', { role: actor.role }));
  if (!(FINDING_KINDS as readonly string[]).includes(finding.kind)) {
    throw new DeskError(
      422,
      'unknown-kind',
      t('desk.refusals.unknownKind', { kind: finding.kind, kinds: FINDING_KINDS.join(', ') }),
    );
  }
  const kind = finding.kind as FindingKind;
  if (NOT_OVERRIDABLE.has(kind)) {
    // What resolves each of them instead of a reason.
    const instead: Record<NotOverridableKind, () => string> = {
      'translation-unreviewed': () => t('desk.refusals.unreviewedNotOverridable'),
      'picture-unavailable': () => t('desk.refusals.pictureNotOverridable'),
      'correction-note': () => t('desk.refusals.noteNotOverridable'),
      'unauthorized-source': () => t('desk.refusals.unauthorizedNotOverridable'),
    };
    throw new DeskError(422, 'not-overridable', instead[kind as NotOverridableKind]());
  }
  const reason = finding.reason.trim();
  if (reason.length < 10)
    throw new DeskError(422, 'reason-required', t('desk.refusals.overrideReasonRequired'));
  const state = await loadDesk(deps, date);
  const target = state.open.find((f) => f.itemId === finding.itemId && f.kind === finding.kind);
  if (!state.digest || !target) throw new DeskError(422, 'no-such-finding', t('desk.refusals.noSuchFinding'));
  const now = deps.now();
  await deps.db.batch([
    ...(state.settings.requireApproval
      ? overrideVoidsApprovalStatements(deps.db, state.digest.id, actor.userId)
      : []),
    upsertOverrideStatement(deps.db, state.digest.id, givenReason(target, reason, actor.userId, now)),
    auditStatement(deps.db, actor, reasonGivenEvent(date, target, reason), now),
  ]);
  // Said to whoever recorded it: a second person's approval no longer holds (overrideVoidsApprovalStatements).
  const approvalTakenBack =
    state.settings.requireApproval &&
    state.approval.approved &&
    state.digest.status !== 'published' &&
    state.digest.approvedBy !== actor.userId;
  return { ...(await loadDesk(deps, date)), approvalTakenBack };
}

/** A reason given for a finding, as it is kept: by whom, and what the finding found then (what it covers). */
export function givenReason(finding: Finding, reason: string, userId: number | null, now: number): Override {
  return {
    itemId: finding.itemId,
    kind: finding.kind,
    reason,
    userId,
    createdAt: now,
    // What it found when the reason was given: a name or word added later opens it again.
    covers: finding.covers ?? finding.message,
  };
}

/** The audit log's entry for a reason given, on the desk or with a correction. */
export function reasonGivenEvent(date: string, finding: Finding, reason: string): AuditEvent {
  return {
    action: 'finding.override',
    subjectType: 'digest',
    subjectId: date,
    details: { itemId: finding.itemId, kind: finding.kind, finding: finding.message, reason },
  };
}

/** A contributor hands the draft to editors, who are told by email. */
export async function submitForReview(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  site: EmailSite,
  /** The desk as the contributor just saved it: that version is the one submitted, or none is. */
  saved?: DeskState,
): Promise<{ already: boolean }> {
  requirePermission(actor, 'curate', t('desk.refusals.forbidden.submitDigests', { role: actor.role }));
  const state = saved ?? (await loadDesk(deps, date));
  if (!state.digest || state.entries.length === 0)
    throw new DeskError(422, 'empty', t('desk.refusals.nothingToSubmit', { day: formatDay(date) }));
  const now = deps.now();
  const submitted = await submitDigest(deps.db, state.digest.id, actor.userId, state.digest.version, now);
  // Pressed again with nothing changed since: the editors were told of this version once, and are not again.
  if (submitted === 'already') return { already: true };
  if (submitted === 'moved') {
    const current = await loadDesk(deps, date);
    const yours = savedByThem(current, actor);
    const version = current.digest?.version ?? '';
    throw new DeskError(
      409,
      'conflict',
      yours
        ? t('desk.refusals.savedWhileSubmittingYours', { version })
        : t('desk.refusals.savedWhileSubmitting', { version }),
      { current, savedBy: yours ? 'you' : 'someone-else' },
    );
  }
  await recordAudit(deps.db, actor, { action: 'digest.submit', subjectType: 'digest', subjectId: date }, now);
  const person = actor.userId === null ? undefined : await findUserById(deps.db, actor.userId);
  await notifyEditors(
    { ...deps, site },
    {
      subject: `The digest for ${formatDay(date)} is ready for review`,
      heading: 'A digest is ready for review',
      paragraphs: [
        `${person?.name || actor.label} submitted the digest for ${formatLongDate(date)} with ${plural(state.entries.length, 'post')}.`,
        state.open.length
          ? `${plural(state.open.length, 'check finding is', 'check findings are')} still open.`
          : 'All checks pass.',
      ],
      action: { label: 'Review it', url: `${deps.publicUrl}/admin/inbox?date=${date}` },
    },
    'review',
  );
  return { already: false };
}

/**
 * Takes one entry of a published digest down at once from the page, the feeds, the embed and every email
 * not sent yet (a family withdraws consent, a photo must go). The reason stays in the audit log; the feed's
 * owner is told, unless the coordinator says not to, with their words if they wrote some.
 */
export async function takeDownEntry(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  itemId: number,
  reason: string,
  tell: TellOwner = { owner: false, words: '' },
): Promise<{
  digestTakenDown: boolean;
  ownerTold: boolean;
  intro: string;
  socialReplaced: ReplacedPosts;
}> {
  const { digest, entry, trimmed, note } = await takedownTarget(
    deps,
    actor,
    date,
    itemId,
    reason,
    'post',
    tell,
  );
  if (!entry) throw new DeskError(409, 'not-in-digest', t('desk.refusals.postNotInDigest'));
  const shared = entry.imageUrl
    ? (await listEntriesSharingPictures(deps.db, digest.id)).filter((s) => s.itemId === itemId)
    : [];
  const replaceSocial = await socialLooksBefore(deps.db, deps.publicUrl, [
    date,
    ...shared.map((s) => s.date),
  ]);
  // Its picture first, everywhere (emails already delivered stop showing it when next opened): should the
  // entry's own takedown fail after this, the picture is down and the post can be taken down again.
  if (entry.imageUrl)
    await takeDownPicture(deps, entry.imageUrl, actor, { date, itemId, reason: trimmed }, 'post');
  const outcome = await takeDownDigestEntry(deps.db, digest.id, itemId, trimmed, actor, deps.now(), note);
  if (!outcome.ok) throw new DeskError(409, 'not-in-digest', t('desk.refusals.postNotInDigest'));
  if (note) deps.background.wakeSender();
  const socialReplaced = await replaceSocial(deps.now());
  // The introduction was written with the post in the digest, and may speak of it: the desk quotes it back.
  return {
    digestTakenDown: outcome.digestTakenDown,
    ownerTold: note !== undefined,
    intro: digest.intro,
    socialReplaced,
  };
}

/**
 * The desk's mark on a published post its feed shows differently. A correction is made on the desk with the
 * mark in view, so a post that only changed before it is not marked again; but a picture the digest still shows
 * and the post no longer has stays marked whatever was corrected since (a correction of the intro, or one made
 * through the API, says nothing about that picture).
 */
function changedSinceSeen(
  entry: Parameters<typeof changeAfterPublishing>[0],
  publishedAt: number | null,
  correctedAt: number | null,
): ChangeAfterPublishing | undefined {
  // The post's HTML is read once (pictureStillIn); the correction's time only decides whether a plain change shows.
  const sincePublished = changeAfterPublishing(entry, publishedAt);
  if (!sincePublished || sincePublished.pictureGone) return sincePublished;
  return sincePublished.at > (correctedAt ?? 0) ? sincePublished : undefined;
}

/** A published post still showing a picture that looks like one just taken down. */
export interface LookAlike {
  date: string;
  itemId: number;
}

/**
 * Published posts still showing a picture that looks like the copy of `url`, just taken down
 * (pictures/picture-looks.ts): most likely the same photo at another size, which the takedown did not reach
 * (it takes down one copy, by its bytes). The desk names their days, for a person to look and take them down.
 */
async function publishedLookAlikes(deps: DeskDeps, url: string): Promise<LookAlike[]> {
  try {
    const takenDown = (await findPictures(deps.db, [url])).get(url);
    if (!takenDown?.looks) return [];
    const looks = takenDown.looks;
    return (await listPublishedPictureLooks(deps.db))
      .filter((shown) => shown.key !== takenDown.key && looksAlike(shown.looks, looks))
      .map(({ date, itemId }) => ({ date, itemId }));
  } catch (error) {
    // The takedown is done; only this list of posts to look at is missing.
    deps.log.error('published pictures like one taken down could not be listed', {
      url,
      error: String(error),
    });
    return [];
  }
}

/** Whether to email the owner of the feed a post came from that it was taken down, and what to add. */
export interface TellOwner {
  owner: boolean;
  /** Words for the owner, in the email as written; empty for none. */
  words: string;
}

/** At most this many characters of words for a feed's owner. */
const MAX_OWNER_WORDS = 1000;

/**
 * The note to the owner of the post's feed (once per post and what was taken down, by its key), to be queued
 * with the takedown itself: none when the feed has no owner's address.
 */
async function ownerNote(
  deps: DeskDeps,
  digestId: number,
  itemId: number,
  what: 'post' | 'picture',
  words: string,
): Promise<OwnerNote | undefined> {
  const owner = (await listPostOwners(deps.db, [itemId])).get(itemId);
  // Told even when the owner stopped the other emails about their feed: this one is about something the district
  // did to their post, and asks them to change their own site.
  if (!owner) return undefined;
  return {
    kind: what === 'post' ? 'owner-taken-down' : 'owner-picture-taken-down',
    toAddress: owner.email,
    sourceId: owner.sourceId,
    digestId,
    itemId,
    note: words || null,
    onceKey: `taken-down:${digestId}:${itemId}:${what}`,
  };
}

export type PictureDeskDeps = DeskDeps & { pictures: PictureDeps };

/**
 * What a takedown starts from: someone who may publish, a reason in a sentence (kept in the audit log), words
 * for the feed's owner within their limit, a published digest, its entry for the post while it is still up,
 * and the note to the feed's owner when they are to be told.
 */
async function takedownTarget(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  itemId: number,
  reason: string,
  what: 'post' | 'picture',
  tell: TellOwner,
) {
  requirePermission(
    actor,
    'publish',
    what === 'post'
      ? t('desk.refusals.forbidden.takePostsDown', { role: actor.role })
      : t('desk.refusals.forbidden.takePicturesDown', { role: actor.role }),
  );
  const trimmed = reason.trim();
  if (trimmed.length < 10)
    throw new DeskError(
      422,
      'reason-required',
      what === 'post' ? t('desk.refusals.postReasonRequired') : t('desk.refusals.pictureReasonRequired'),
    );
  limit(trimmed, 500, (n) => t('desk.refusals.tooLong.reason', n));
  const words = tell.owner ? tell.words.trim() : '';
  if (words.length > MAX_OWNER_WORDS)
    throw new DeskError(
      422,
      'too-long',
      t('desk.refusals.tooLong.ownerWords', { length: words.length, max: MAX_OWNER_WORDS }),
      { field: 'owner_words' },
    );
  const digest = await findDigest(deps.db, date);
  if (!digest || digest.status !== 'published')
    throw new DeskError(409, 'not-published', t('desk.refusals.notPublished', { day: formatDay(date) }));
  const entry = (await listEntries(deps.db, [digest.id])).find(
    (e) => e.itemId === itemId && e.removedAt === null,
  );
  const note = tell.owner ? await ownerNote(deps, digest.id, itemId, what, words) : undefined;
  return { digest, entry, trimmed, note };
}

/** The picture addresses entries show. */
export function imageUrlsOf(entries: { imageUrl: string | null }[]): string[] {
  return entries.flatMap((e) => (e.imageUrl ? [e.imageUrl] : []));
}

/**
 * Takes down only the picture of a published entry: the post stays, its picture is deleted in every size and
 * answers 410 wherever it was shown (the page, the feeds, the embed, link previews, emails already delivered).
 */
export async function takeDownEntryPicture(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  itemId: number,
  reason: string,
  tell: TellOwner = { owner: false, words: '' },
): Promise<{
  ownerTold: boolean;
  otherPosts: number;
  otherOwnersTold: number;
  socialReplaced: ReplacedPosts;
  lookAlikes: LookAlike[];
}> {
  const { digest, entry, trimmed, note } = await takedownTarget(
    deps,
    actor,
    date,
    itemId,
    reason,
    'picture',
    tell,
  );
  // The same copy in other published posts comes down with it: their owners are told as this one is.
  const shared = entry?.imageUrl
    ? (await listEntriesSharingPictures(deps.db, digest.id)).filter((s) => s.itemId === itemId)
    : [];
  const replaceSocial = await socialLooksBefore(deps.db, deps.publicUrl, [
    date,
    ...shared.map((s) => s.date),
  ]);
  const others = tell.owner
    ? (
        await Promise.all(
          shared.map((s) => ownerNote(deps, s.digestId, s.otherItemId, 'picture', tell.words.trim())),
        )
      ).filter((n) => n !== undefined)
    : [];
  const taken =
    !!entry?.imageUrl &&
    (await takeDownPicture(
      deps,
      entry.imageUrl,
      actor,
      {
        date,
        itemId,
        reason: trimmed,
        ...(shared.length ? { alsoIn: shared.map((s) => ({ date: s.date, itemId: s.otherItemId })) } : {}),
      },
      'picture',
    ));
  if (!taken) throw new DeskError(409, 'no-picture', t('desk.refusals.noPicture'));
  // The entries no longer have a picture (this one and those that shared it): their desks show none, and a
  // later correction of theirs is not held up by it.
  const notes = note ? [note, ...others] : others;
  await clearEntryPicture(
    deps.db,
    digest.id,
    itemId,
    deps.now(),
    notes,
    shared.map((s) => ({ digestId: s.digestId, itemId: s.otherItemId })),
  );
  if (notes.length) deps.background.wakeSender();
  return {
    ownerTold: note !== undefined,
    otherPosts: shared.length,
    otherOwnersTold: others.length,
    socialReplaced: await replaceSocial(deps.now()),
    lookAlikes: await publishedLookAlikes(deps, entry.imageUrl!),
  };
}

/**
 * What refuses taking a digest down (who asks, a reason too short, a digest not published), asked before the
 * desk shows its question, so the question is never asked of something that would be refused.
 */
export async function checkUnpublishable(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  reason: string,
): Promise<DeskState> {
  requirePermission(actor, 'publish', t('desk.refusals.forbidden.unpublishDigests', { role: actor.role }));
  if (reason.trim().length < 10)
    throw new DeskError(422, 'reason-required', t('desk.refusals.digestReasonRequired'));
  const state = await loadDesk(deps, date);
  if (state.digest?.status !== 'published')
    throw new DeskError(409, 'not-published', t('desk.refusals.notPublished', { day: formatDay(date) }));
  return state;
}

export async function unpublishDesk(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  reason: string,
): Promise<void> {
  requirePermission(actor, 'publish', t('desk.refusals.forbidden.unpublishDigests', { role: actor.role }));
  const trimmed = reason.trim();
  if (trimmed.length < 10)
    throw new DeskError(422, 'reason-required', t('desk.refusals.digestReasonRequired'));
  const digest = await findDigest(deps.db, date);
  if (!digest || !(await unpublishDigest(deps.db, digest.id, trimmed, deps.now()))) {
    throw new DeskError(409, 'not-published', t('desk.refusals.notPublished', { day: formatDay(date) }));
  }
  // Taken down means its pictures too, in emails already delivered as everywhere else.
  for (const url of imageUrlsOf(await listEntries(deps.db, [digest.id])))
    await takeDownPicture(deps, url, actor, { date, reason: trimmed, unpublished: true }, 'digest');
  await recordAudit(
    deps.db,
    actor,
    { action: 'digest.unpublish', subjectType: 'digest', subjectId: date, details: { reason: trimmed } },
    deps.now(),
  );
}

/** The email exactly as subscribers of every school would get it, sent to one person, marked as a test. */
export async function sendTestEmail(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  site: EmailSite,
  /** One of the district's other languages: the email as its readers would get it (`site` in that language). */
  lang?: string,
): Promise<string> {
  requirePermission(actor, 'curate', t('desk.refusals.forbidden.sendTestEmails', { role: actor.role }));
  if (!actor.email) throw new DeskError(422, 'no-address', t('desk.refusals.noAddress'));
  const state = await loadDesk(deps, date);
  if (!state.digest || state.entries.length === 0)
    throw new DeskError(422, 'empty', t('desk.refusals.nothingToSend', { day: formatDay(date) }));
  const [content] = await localizeContents(
    deps.db,
    [{ digest: state.digest, entries: state.entries }],
    lang ?? state.settings.languages[0]!,
    state.settings,
  );
  const email = renderDigestEmail(
    content!,
    { schoolIds: [], schoolNames: [] },
    site,
    localDateOf(state.digest.publishedAt ?? state.digest.scheduledFor ?? deps.now(), site.timezone),
  )!;
  const sent = await deps.mailer.send({
    from: senderOf(deps.mailFrom, site.districtName),
    to: actor.email,
    subject: `[Test] ${email.subject}`,
    html: email.html.replaceAll(email.markers.unsubscribe, '#').replaceAll(email.markers.preferences, '#'),
    text: email.text
      .replaceAll(email.markers.unsubscribe, '(unsubscribe link)')
      .replaceAll(email.markers.preferences, '(preferences link)'),
    // As the language's subscribers get it.
    headers: { 'Content-Language': lang ?? state.settings.languages[0]! },
    messageId: newMessageId(deps.mailFrom, `test-${randomToken(8)}`),
  });
  if (!sent.ok)
    throw new DeskError(422, 'send-failed', t('desk.refusals.sendFailed', { reason: sent.reason }));
  await recordAudit(
    deps.db,
    actor,
    {
      action: 'email.test',
      subjectType: 'digest',
      subjectId: date,
      details: { to: actor.email, ...(lang ? { lang } : {}) },
    },
    deps.now(),
  );
  return actor.email;
}

// The digest in each of the district's other languages, as a service for the desk and the API: one language's
// tab, saving what a person wrote, drafting the empty fields from a translation service (marked as machine
// drafts), marking a language reviewed, and settling a change that waits for a second person (discarded, or
// held back from readers meanwhile). Each change is one batch with its audit entry.
import {
  discardHeldTranslation,
  emptyTranslation,
  saveDigestTranslation,
  translationRevision,
  withdrawHeldTranslation,
  type DigestField,
  type DigestTranslation,
  type EntryField,
  type EntryTranslation,
} from '../db/translations';
import { isLanguage, type Language } from '../i18n/languages';
import type { TranslateProvider } from '../i18n/translate-provider';
import { t } from '../i18n/desk-text';
import { formatDay } from '../publish/digest-content';
import {
  correctionNoteFindings,
  DeskError,
  limitLine,
  loadDesk,
  requirePermission,
  noReleaseNamesIn,
  rosterSurnamesIn,
  type DeskActor,
  type DeskDeps,
  type DeskState,
} from './desk';
import { checkTranslationsOf, isReviewed, languageLabel, translatedLanguages } from './translations-checks';
import { languageMatches, list } from './run-checks';
import { listOverrides } from '../db/findings';
import { listStaffNamesBySchool } from '../db/sources';

export interface TranslationDesk {
  state: DeskState;
  lang: Language;
  /** "Spanish". */
  label: string;
  translation: DigestTranslation;
  reviewed: boolean;
  /** The stored text's revision (translationRevision), which a save or review from this tab names. */
  revision: string;
}

export interface TranslationInput {
  title?: string;
  intro?: string;
  entries: { itemId: number; headline?: string; blurb?: string; imageAlt?: string }[];
  /** True: a person reviewed this language (for the version now current); false: no longer reviewed. */
  reviewed?: boolean;
  /** The latest correction's note in this language (published digests); empty shows the original's. */
  correctionNote?: string;
  /** The digest's version the translator was shown; a save from an older one is refused as a conflict. */
  version?: number;
  /**
   * The language's text as the translator was shown it (translationRevision): a save or review after someone
   * else changed it meanwhile is refused, so nobody replaces or approves words they did not see.
   */
  revision?: string;
}

/**
 * The texts the district's version has and this language lacks ("the headline of “Kites”"), in the digest's
 * order: its readers get them in the district's language. A correction empties the fields it changed, so a
 * reviewed language can lack some too.
 */
export function untranslatedTexts(
  state: Pick<DeskState, 'digest' | 'entries'>,
  translation: Pick<DigestTranslation, 'title' | 'intro'> & {
    entries: ReadonlyMap<number, { headline: string; blurb: string; imageAlt: string }>;
  },
): string[] {
  const original = state.digest;
  if (!original) return [];
  const missing = (theirs: string | null | undefined, ours: string | undefined) =>
    Boolean(theirs?.trim()) && !ours?.trim();
  return [
    ...(missing(original.title, translation.title) ? [t('desk.refusals.untranslated.title')] : []),
    ...(missing(original.intro, translation.intro) ? [t('desk.refusals.untranslated.intro')] : []),
    ...state.entries.flatMap((entry) => {
      const translated = translation.entries.get(entry.itemId);
      const post = entry.headline;
      return [
        ...(missing(entry.headline, translated?.headline)
          ? [t('desk.refusals.untranslated.headline', { post })]
          : []),
        ...(missing(entry.blurb, translated?.blurb) ? [t('desk.refusals.untranslated.blurb', { post })] : []),
        ...(entry.imageUrl && missing(entry.imageAlt, translated?.imageAlt)
          ? [t('desk.refusals.untranslated.imageAlt', { post })]
          : []),
      ];
    }),
  ];
}

/** A tab after a save, and whether the save took a digest scheduled to publish back to a draft. */
export type SavedTranslation = TranslationDesk & {
  unscheduled: boolean;
  /** A review that checked other editors' changes, while the reviewer's own still wait for someone else. */
  othersChecked?: boolean;
};

const LIMITS = { title: 200, intro: 1000, headline: 200, blurb: 1000, imageAlt: 500, correctionNote: 500 };

/** One language's tab for a day; refused with a sentence for a language the district does not offer. */
export async function loadTranslationDesk(
  deps: DeskDeps,
  date: string,
  lang: string,
): Promise<TranslationDesk> {
  const state = await loadDesk(deps, date);
  const offered = translatedLanguages(state.settings);
  if (!isLanguage(lang) || !offered.includes(lang))
    throw new DeskError(
      404,
      'unknown-language',
      offered.length
        ? t('desk.refusals.unknownLanguage', { lang, offered: offered.join(', ') })
        : t('desk.refusals.oneLanguage'),
    );
  const digest = state.digest;
  const translation = state.translations.get(lang) ?? emptyTranslation(digest?.id ?? 0, lang);
  return {
    state,
    lang,
    label: languageLabel(lang),
    translation,
    reviewed: !!digest && isReviewed(translation, digest),
    revision: translationRevision(translation),
  };
}

/** What may be translated now: a digest with posts that is not taken down; a published one by editors only. */
function requireTranslatable(actor: DeskActor, desk: TranslationDesk) {
  const { digest, entries, date } = desk.state;
  if (!digest || entries.length === 0)
    throw new DeskError(422, 'empty', t('desk.refusals.nothingToTranslate', { day: formatDay(date) }));
  if (digest.status === 'unpublished') throw new DeskError(409, 'unpublished', t('desk.refusals.takenDown'));
  if (digest.status === 'published')
    requirePermission(actor, 'publish', t('desk.refusals.forbidden.changePublished', { role: actor.role }));
  else requirePermission(actor, 'curate', t('desk.refusals.forbidden.editDigests', { role: actor.role }));
  return digest;
}

/**
 * A published digest where the district requires a second person: what a save or a machine draft changes in a
 * language waits, its readers keeping what they had, until someone who changed none of it marks it
 * reviewed (a person, not in the same request as a change, and having seen the text as last saved).
 */
export function underSecondPersonRule(desk: TranslationDesk): boolean {
  return desk.state.digest?.status === 'published' && desk.state.settings.requireApproval;
}

/** The original changed after the translator was shown it (or while this save was on its way). */
function changedMeanwhile(desk: TranslationDesk): DeskError {
  return new DeskError(
    409,
    'conflict',
    t('desk.refusals.translationChangedMeanwhile', { language: desk.label }),
  );
}

/**
 * Whether a write claimed on what `desk` read failed because the language was written since (rather than the
 * digest changing): the digest is still at the version read, and the language's last write is another.
 */
async function savedMeanwhile(deps: DeskDeps, desk: TranslationDesk): Promise<boolean> {
  const now = await loadTranslationDesk(deps, desk.state.date, desk.translation.lang);
  return (
    now.state.digest?.version === desk.state.digest?.version &&
    now.state.digest?.status === desk.state.digest?.status &&
    now.translation.updatedAt !== desk.translation.updatedAt
  );
}

/** The text trimmed, or refused with `refusal`'s sentence (given its length and the field's limit) if longer. */
function limited(
  text: string,
  field: keyof typeof LIMITS,
  refusal: (lengths: { length: number; max: number }) => string,
): string {
  const trimmed = text.trim();
  const max = LIMITS[field];
  if (trimmed.length > max) throw new DeskError(422, 'too-long', refusal({ length: trimmed.length, max }));
  return trimmed;
}

/**
 * For a published digest: what a text in this language would bring its readers that the checks find and they
 * do not get now (names, wording on the tone list), in words; undefined when nothing. Recorded reasons are
 * set aside, since a reason says nothing of a name typed later (see languageMatches). It is checked also
 * while its readers do not get the language (unreviewed, under `hold` or `fallback`), against the text
 * stored: `translation_unreviewed` changed to `label` later puts it before them without another check.
 */
async function additionsOf(
  deps: DeskDeps,
  desk: TranslationDesk,
  after: DigestTranslation,
  reviewedAfter: boolean,
): Promise<string | undefined> {
  const { digest, settings } = desk.state;
  if (digest?.status !== 'published') return undefined;
  // A review that puts the language before its readers checks all of it, what was stored included.
  const shownBefore = settings.translationUnreviewed === 'label' || desk.reviewed;
  const comparedWithStored = shownBefore || !reviewedAfter;
  const [checking] = checkTranslationsOf(settings, new Map([[desk.lang, after]]));
  const [before] = checkTranslationsOf(settings, new Map([[desk.lang, desk.translation]]));
  const texts = [after, desk.translation].flatMap((tr) => [
    tr.title,
    tr.intro,
    ...[...tr.entries.values()].flatMap((e) => [e.headline, e.blurb, e.imageAlt]),
  ]);
  const [staffBySchool, overrides, isRosterSurname, isNoReleaseName] = await Promise.all([
    listStaffNamesBySchool(deps.db),
    listOverrides(deps.db, digest.id),
    rosterSurnamesIn(deps, texts),
    noReleaseNamesIn(deps, texts),
  ]);
  const context = {
    title: digest.title,
    intro: digest.intro,
    entries: desk.state.entries,
    staffBySchool,
    nameAllowlist: settings.nameAllowlist,
    isRosterSurname,
    isNoReleaseName,
  };
  const now =
    comparedWithStored && before ? languageMatches(context, before, overrides) : new Map<string, string>();
  const added = [...languageMatches(context, checking!, overrides)].filter(([key]) => !now.has(key));
  if (added.length === 0) return undefined;
  const words = (kind: string) => [
    ...new Set(added.filter(([key]) => key.split(':')[1] === kind).map(([, word]) => `“${word}”`)),
  ];
  const names = words('name');
  const tone = words('tone');
  const what = [
    ...(names.length ? [t('desk.refusals.addedNames', { names: list(names) })] : []),
    ...(tone.length ? [t('desk.refusals.addedTone', { words: list(tone) })] : []),
  ];
  return list(what);
}

/**
 * Saves what a person wrote: fields not given keep their stored text; a field whose text changes is no
 * longer a machine draft. Any change clears the review unless the same request marks it reviewed.
 */
export async function saveTranslation(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  lang: string,
  input: TranslationInput,
): Promise<SavedTranslation> {
  const desk = await loadTranslationDesk(deps, date, lang);
  const digest = requireTranslatable(actor, desk);
  if (input.version !== undefined && input.version !== digest.version) throw changedMeanwhile(desk);
  const stored = desk.translation;
  /** Someone saved the language since this tab read it: a review is of what was read, a save keeps the words. */
  const savedSince = () =>
    input.reviewed === true
      ? new DeskError(
          409,
          'translation-saved',
          t('desk.refusals.translationSavedBeforeReview', { language: desk.label }),
        )
      : new DeskError(
          409,
          'conflict',
          t('desk.refusals.translationSavedMeanwhile', { language: desk.label }),
        );
  if (input.revision !== undefined && input.revision !== translationRevision(stored)) throw savedSince();
  const known = new Set(desk.state.entries.map((e) => e.itemId));
  const unknown = input.entries.find((e) => !known.has(e.itemId));
  if (unknown)
    throw new DeskError(422, 'not-in-digest', t('desk.refusals.notInThisDigest', { id: unknown.itemId }));
  const given = new Map(input.entries.map((e) => [e.itemId, e]));
  let changed = false;
  const language = desk.label;
  const title = limitLine(input.title, stored.title, LIMITS.title, (n) =>
    t('desk.refusals.tooLong.translatedTitle', { ...n, language }),
  );
  const intro = limited(input.intro ?? stored.intro, 'intro', (n) =>
    t('desk.refusals.tooLong.translatedIntro', { ...n, language }),
  );
  const machine = stored.machine.filter((f) =>
    f === 'title' ? title === stored.title : intro === stored.intro,
  );
  changed ||= title !== stored.title || intro !== stored.intro;
  const entries: EntryTranslation[] = desk.state.entries.map((entry) => {
    const before = stored.entries.get(entry.itemId) ?? {
      itemId: entry.itemId,
      headline: '',
      blurb: '',
      imageAlt: '',
      machine: [],
    };
    const asked = given.get(entry.itemId);
    const post = entry.headline;
    const next = {
      itemId: entry.itemId,
      headline: limitLine(asked?.headline, before.headline, LIMITS.headline, (n) =>
        t('desk.refusals.tooLong.translatedHeadline', { ...n, language, post }),
      ),
      blurb: limited(asked?.blurb ?? before.blurb, 'blurb', (n) =>
        t('desk.refusals.tooLong.translatedBlurb', { ...n, language, post }),
      ),
      imageAlt: limitLine(asked?.imageAlt, before.imageAlt, LIMITS.imageAlt, (n) =>
        t('desk.refusals.tooLong.translatedAlt', { ...n, language, post }),
      ),
    };
    const edited = (['headline', 'blurb', 'imageAlt'] as const).filter((f) => next[f] !== before[f]);
    if (edited.length) changed = true;
    return { ...next, machine: before.machine.filter((f) => !edited.includes(f)) };
  });
  const correctionNote =
    input.correctionNote === undefined
      ? stored.correctionNote
      : limited(input.correctionNote, 'correctionNote', (n) =>
          t('desk.refusals.tooLong.translatedCorrectionNote', { ...n, language }),
        ) || null;
  changed ||= correctionNote !== stored.correctionNote;
  const secondPerson = underSecondPersonRule(desk);
  /**
   * Under the second-person rule, a review by someone whose own changes are in the text (made now, or saved
   * since publishing) checks everyone else's: the language stays held, for another editor to check theirs. So
   * two editors who both changed it review each other's changes, one after the other, and need no third.
   */
  let ownWait = false;
  /** And other people's changes (or a program's) were in it, now checked by this review. */
  let othersChecked = false;
  if (secondPerson && input.reviewed === true) {
    if (actor.userId === null)
      throw new DeskError(403, 'person-required', t('desk.refusals.personRequiredReview', { language }));
    if (input.revision === undefined)
      throw new DeskError(422, 'revision-required', t('desk.refusals.revisionRequired', { language }));
    const others = stored.held ? stored.heldBy.filter((id) => id !== actor.userId) : [];
    ownWait = changed || (stored.held && stored.heldBy.includes(actor.userId));
    if (ownWait && !changed && others.length === 0)
      throw new DeskError(403, 'second-person', t('desk.refusals.secondPersonReview', { language }));
    othersChecked = ownWait && stored.held && (others.length > 0 || stored.heldBy.length === 0);
  }
  // Before publishing too, where a second person approves, a review lets the language's writer approve the
  // digest: it names the text it read, so words saved after the reviewer looked are not taken as reviewed.
  if (!secondPerson && input.reviewed === true && desk.state.settings.requireApproval && !input.revision)
    throw new DeskError(422, 'revision-required', t('desk.refusals.revisionRequired', { language }));
  // A published note goes out as written, this language's readers seeing it even where the rest waits for a
  // review (unless the language is held for a second person): it is checked as the correction's own note was.
  if (correctionNote && correctionNote !== stored.correctionNote) {
    const [finding] = await correctionNoteFindings(deps, desk.state.settings, [
      { lang, text: correctionNote },
    ]);
    if (finding)
      throw new DeskError(
        422,
        'findings',
        t('desk.refusals.translatedNoteRefused', { finding: finding.message }),
        {
          findings: [finding],
        },
      );
  }
  // Reviewed means this language's readers get it as the district's own words: a text the original has and
  // this language lacks would go out in the original language, without the line saying it is not translated.
  if (input.reviewed === true) {
    const missing = untranslatedTexts(desk.state, {
      title,
      intro,
      entries: new Map(entries.map((e) => [e.itemId, e])),
    });
    if (missing.length)
      throw new DeskError(
        422,
        'untranslated',
        t('desk.refusals.untranslated.notReviewed', {
          language,
          count: missing.length,
          texts: missing.slice(0, 5).join('; ') + (missing.length > 5 ? '; …' : ''),
        }),
      );
  }
  const review =
    input.reviewed === true && !ownWait
      ? { userId: actor.userId }
      : input.reviewed === false || changed || ownWait
        ? null
        : undefined;
  // A published digest's text in this language reaches its readers as it is saved (once reviewed, or at once
  // under `label`): what the save would add to what they get is checked now, and refused.
  const after = { ...stored, title, intro, entries: new Map(entries.map((entry) => [entry.itemId, entry])) };
  const reviewedAfter = review === undefined ? desk.reviewed : review !== null;
  const added = await additionsOf(deps, desk, after, reviewedAfter);
  if (added)
    throw new DeskError(
      422,
      'findings',
      t('desk.refusals.publishedTranslationRefused', { language, what: added }),
    );
  // Nothing to write: no change, and no review that is not already recorded for this version (by this person:
  // another's review of words their writer reviewed is what lets the writer approve).
  if (
    !changed &&
    (review === undefined || (review !== null && desk.reviewed && stored.reviewedBy === review.userId))
  )
    return { ...desk, unscheduled: false };
  const saved = await saveDigestTranslation(
    deps.db,
    digest,
    lang,
    {
      title,
      intro,
      machine,
      correctionNote,
      entries,
      review,
      hold: secondPerson && review === null ? { userId: actor.userId, alone: ownWait } : undefined,
      wordsChanged: changed,
      asRead: stored.updatedAt,
    },
    {
      actor,
      userId: actor.userId,
      now: deps.now(),
      event: {
        // A review that leaves only the reviewer's own change waiting checked nothing: it is a save.
        action:
          input.reviewed === true && (!ownWait || othersChecked) ? 'translation.review' : 'translation.save',
        subjectType: 'digest',
        subjectId: date,
        details: {
          lang,
          changed,
          reviewed: review === undefined ? desk.reviewed : review !== null,
          ...(othersChecked ? { othersChecked: true } : {}),
        },
      },
    },
  );
  if (!saved) {
    throw (await savedMeanwhile(deps, desk)) ? savedSince() : changedMeanwhile(desk);
  }
  return {
    ...(await loadTranslationDesk(deps, date, lang)),
    unscheduled: digest.status === 'ready',
    othersChecked,
  };
}

/**
 * What may be done alone with a published digest's language held for a second person, by any editor, since
 * neither puts new words before its readers: `discard` puts it back as its readers have it (the changes are
 * gone and nothing waits, so two editors who both changed it need no third); `withdraw` gives its readers the
 * district's own text until the changes are reviewed (for a mistake they must not read meanwhile).
 * `shown` names the version and text the editor was shown.
 */
export async function settleHeldTranslation(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  lang: string,
  action: 'discard' | 'withdraw',
  shown: { version?: number; revision?: string },
): Promise<TranslationDesk & { readersHadNone: boolean }> {
  const desk = await loadTranslationDesk(deps, date, lang);
  const digest = requireTranslatable(actor, desk);
  const language = desk.label;
  const held = desk.translation;
  if (digest.status !== 'published' || !held.held)
    throw new DeskError(409, 'not-held', t('desk.refusals.nothingHeld', { language }));
  if (action === 'withdraw' && !held.shown)
    throw new DeskError(409, 'nothing-shown', t('desk.refusals.nothingToWithdraw', { language }));
  if (shown.version !== undefined && shown.version !== digest.version) throw changedMeanwhile(desk);
  if (shown.revision === undefined)
    throw new DeskError(422, 'revision-required', t('desk.refusals.heldRevisionRequired', { language }));
  if (shown.revision !== desk.revision)
    throw new DeskError(
      409,
      'translation-saved',
      t('desk.refusals.translationSavedBeforeSettling', { language }),
    );
  const audit = {
    actor,
    now: deps.now(),
    userId: actor.userId,
    event: {
      action: action === 'discard' ? 'translation.discard' : 'translation.withdraw',
      subjectType: 'digest',
      subjectId: date,
      // Whose words waited, and which text: the log says what a discard threw away.
      details: { lang, heldBy: held.heldBy, revision: desk.revision },
    },
  };
  const done =
    action === 'discard'
      ? await discardHeldTranslation(deps.db, digest, held, audit)
      : await withdrawHeldTranslation(deps.db, digest, held, audit);
  if (!done) throw changedMeanwhile(desk);
  return { ...(await loadTranslationDesk(deps, date, lang)), readersHadNone: !held.shown };
}

export type DraftOutcome =
  { ok: true; filled: number; desk: TranslationDesk } | { ok: false; message: string };

/**
 * Fills only the empty fields (whose original has text) from the translation service, in one request, and
 * marks them machine drafts; what a person wrote is never replaced. A service failure is a sentence.
 */
export async function draftTranslation(
  deps: DeskDeps,
  actor: DeskActor,
  date: string,
  lang: string,
  provider: TranslateProvider | undefined,
): Promise<DraftOutcome> {
  const desk = await loadTranslationDesk(deps, date, lang);
  const digest = requireTranslatable(actor, desk);
  if (!provider)
    return {
      ok: false,
      message: t('desk.refusals.noTranslationService'),
    };
  const stored = desk.translation;
  type Slot = { source: string; fill: (text: string) => void };
  const slots: Slot[] = [];
  let title = stored.title;
  let intro = stored.intro;
  const machine = new Set<DigestField>(stored.machine);
  if (!title && digest.title.trim())
    slots.push({
      source: digest.title,
      fill: (t) => ((title = t.slice(0, LIMITS.title)), machine.add('title')),
    });
  if (!intro && digest.intro.trim())
    slots.push({
      source: digest.intro,
      fill: (t) => ((intro = t.slice(0, LIMITS.intro)), machine.add('intro')),
    });
  const entries = desk.state.entries.map((entry) => {
    const current = stored.entries.get(entry.itemId);
    const next = {
      itemId: entry.itemId,
      headline: current?.headline ?? '',
      blurb: current?.blurb ?? '',
      imageAlt: current?.imageAlt ?? '',
      machine: new Set<EntryField>(current?.machine ?? []),
    };
    const originals: Record<EntryField, string> = {
      headline: entry.headline,
      blurb: entry.blurb,
      imageAlt: entry.imageUrl ? (entry.imageAlt ?? '') : '',
    };
    for (const field of ['headline', 'blurb', 'imageAlt'] as const) {
      if (next[field] || !originals[field].trim()) continue;
      slots.push({
        source: originals[field],
        fill: (t) => {
          next[field] = t.slice(0, LIMITS[field]).trim();
          if (next[field]) next.machine.add(field);
        },
      });
    }
    return next;
  });
  if (!slots.length) return { ok: true, filled: 0, desk };
  const answer = await provider.translate(
    slots.map((s) => s.source),
    desk.state.settings.languages[0]!,
    lang,
  );
  if (!answer.ok) return { ok: false, message: answer.message };
  answer.texts.forEach((text, i) => slots[i]!.fill(text.trim()));
  // A published digest's machine text is checked as a person's is (under `label` it reaches readers at once).
  const drafted = {
    ...stored,
    title,
    intro,
    entries: new Map(entries.map((e) => [e.itemId, { ...e, machine: [...e.machine] }])),
  };
  const added = await additionsOf(deps, desk, drafted, false);
  if (added)
    return {
      ok: false,
      message: t('desk.refusals.publishedDraftRefused', { language: desk.label, what: added }),
    };
  const saved = await saveDigestTranslation(
    deps.db,
    digest,
    lang,
    {
      title,
      intro,
      machine: [...machine],
      correctionNote: stored.correctionNote,
      entries: entries.map((e) => ({ ...e, machine: [...e.machine] })),
      // New machine text is not what anyone reviewed.
      review: null,
      hold: underSecondPersonRule(desk) ? { userId: actor.userId } : undefined,
      wordsChanged: true,
      // The service can take seconds: words someone saved meanwhile are not written over with the old ones.
      asRead: stored.updatedAt,
    },
    {
      actor,
      userId: actor.userId,
      now: deps.now(),
      event: {
        action: 'translation.draft',
        subjectType: 'digest',
        subjectId: date,
        details: { lang, provider: provider.name, fields: slots.length },
      },
    },
  );
  if (!saved) {
    if (!(await savedMeanwhile(deps, desk))) throw changedMeanwhile(desk);
    throw new DeskError(
      409,
      'conflict',
      t('desk.refusals.translationSavedWhileDrafting', { language: desk.label }),
    );
  }
  return { ok: true, filled: slots.length, desk: await loadTranslationDesk(deps, date, lang) };
}

// The desk's tab for one of the district's other languages: the title, intro and every entry's headline,
// blurb and alt text, each beside the district's own text; Save, Draft a translation (when a service is
// configured) and Mark reviewed. A plain form: every button works without JavaScript.
import { rich, t } from '../../i18n/desk-text';
import { underSecondPersonRule, untranslatedTexts, type TranslationDesk } from '../../curate/translations';
import type { EntryField } from '../../db/translations';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { formatLongDate, originalLangOf, type ContentText } from '../../publish/digest-content';
import { formatDateTime } from '../../time/format';
import { listInLanguage } from '../../text/plural';
import { CsrfField } from '../admin-layout';
import { languageLabel } from '../../curate/translations-checks';
import { localizeContent } from '../../publish/localize-content';

/** The tabs above the desk: the district's own language (the desk itself), then one per other language. */
export function TranslationTabs(props: { date: string; languages: readonly Language[]; current?: Language }) {
  if (props.languages.length < 2) return null;
  const [own, ...others] = props.languages;
  return (
    <nav class="datebar" aria-label={t('desk.translations.tabs')}>
      <a
        href={`/admin/inbox?date=${props.date}`}
        aria-current={props.current === undefined || props.current === own ? 'page' : undefined}
      >
        {t('desk.translations.own', { language: languageLabel(own!) })}
      </a>
      {others.map((lang) => (
        <a
          href={`/admin/inbox?date=${props.date}&lang=${lang}`}
          aria-current={props.current === lang ? 'page' : undefined}
        >
          {languageLabel(lang)}
        </a>
      ))}
    </nav>
  );
}

export interface DeskTranslationPageProps {
  desk: TranslationDesk;
  csrfToken: string;
  /** The configured translation service's name; absent, there is no Draft button. */
  provider?: string;
  /** The person may change this language now (their role, and the digest's state). */
  canEdit: boolean;
  /** Who is looking: under the second-person rule, whoever changed this language since publishing does not review it. */
  userId: number;
  names: Map<number, string>;
}

const action = (date: string, lang: string, what: string) => `/admin/translations/${date}/${lang}/${what}`;

function MachineBadge(props: { on: boolean }) {
  return props.on ? <span class="badge warn small">{t('desk.translations.machineDraft')}</span> : null;
}

/** One field: the district's text, and this language's input beside it. */
function FieldPair(props: {
  id: string;
  name: string;
  label: string;
  original: string;
  value: string;
  machine: boolean;
  lang: Language;
  ownLang: Language;
  multiline?: boolean;
  maxlength: number;
  disabled: boolean;
  /**
   * A held language: what its readers have in this field now, where the saved text differs from it (empty:
   * the district's text), so that whoever reviews the change sees it.
   */
  readersHave?: string;
  /** Out with the digest, this text has no words in the language, so its readers get the district's. */
  lacking?: boolean;
}) {
  const { dir } = LANGUAGES[props.lang];
  const lacking = props.lacking && props.original.trim() !== '' && props.value.trim() === '';
  const described = [
    `${props.id}-original`,
    ...(props.readersHave === undefined ? [] : [`${props.id}-readers`]),
    ...(lacking ? ['lacking-texts'] : []),
  ].join(' ');
  return (
    <div class="columns">
      <div>
        <p class="muted small">{t('desk.translations.districtText', { field: props.label })}</p>
        <p lang={props.ownLang} id={`${props.id}-original`}>
          {props.original || <span class="muted">{t('desk.translations.empty')}</span>}
        </p>
      </div>
      <div>
        <label for={props.id}>
          {props.label} <MachineBadge on={props.machine} />
        </label>
        {props.multiline ? (
          <textarea
            id={props.id}
            name={props.name}
            lang={props.lang}
            dir={dir}
            maxlength={props.maxlength}
            disabled={props.disabled}
            aria-describedby={described}
            class={lacking ? 'lacking' : undefined}
          >
            {props.value}
          </textarea>
        ) : (
          <input
            type="text"
            id={props.id}
            name={props.name}
            value={props.value}
            lang={props.lang}
            dir={dir}
            maxlength={props.maxlength}
            disabled={props.disabled}
            aria-describedby={described}
            class={lacking ? 'lacking' : undefined}
          />
        )}
        {props.readersHave === undefined ? null : (
          <p class="small readers-have" id={`${props.id}-readers`}>
            {props.readersHave ? (
              <>
                {t('desk.translations.readersHave')} “
                <span lang={props.lang} dir={dir}>
                  {props.readersHave}
                </span>
                ”
              </>
            ) : (
              t('desk.translations.readersHaveOriginal')
            )}
          </p>
        )}
      </div>
    </div>
  );
}

export function DeskTranslationPage(props: DeskTranslationPageProps) {
  const { desk } = props;
  const { state, lang, label, translation } = desk;
  const { digest } = state;
  const ownLang = state.settings.languages[0]!;
  const disabled = !props.canEdit;
  const published = digest?.status === 'published';
  const lastCorrection = state.corrections.at(-1);
  const secondPerson = underSecondPersonRule(desk);
  const heldBy = translation.heldBy.map((id) => props.names.get(id) ?? `#${id}`);
  /**
   * Under the second-person rule, changes are checked by someone who did not make them: a person whose changes
   * alone wait has nothing to review; one whose changes wait beside others' reviews those others.
   */
  const mine = secondPerson && translation.held && translation.heldBy.includes(props.userId);
  const reviewIsOthers = mine && translation.heldBy.every((id) => id === props.userId);
  const othersToo = mine && !reviewIsOthers;
  // Before publishing, where a second person approves: the writer's own review does not let them approve, and
  // someone else's does (curate/approval.ts); said to anyone else, who may give it.
  const selfReviewed =
    !published &&
    state.settings.requireApproval &&
    desk.reviewed &&
    translation.reviewedBy !== null &&
    translation.reviewedBy === translation.updatedBy &&
    translation.reviewedBy !== props.userId;
  /** Changes that wait for a second person: anyone who may edit can discard them, or hold them back meanwhile. */
  const heldChanges = published && translation.held;
  // What a held language's readers have meanwhile, as its pages give it them (localize-content.ts).
  const readers =
    heldChanges && digest
      ? localizeContent(
          { digest, entries: state.entries, corrections: state.corrections },
          translation,
          state.settings.translationUnreviewed,
          ownLang,
        )
      : undefined;
  /**
   * What readers have in a field whose saved text is `now`, when the two differ, so the reviewer sees both:
   * their text, or empty where they get the district's.
   */
  const readersHave = (now: string, text: ContentText, theirs: string | null | undefined) => {
    if (!readers) return undefined;
    const have = originalLangOf(readers, text) ? '' : (theirs ?? '');
    return have === now ? undefined : have;
  };
  const readersEntry = (itemId: number) => readers?.entries.find((e) => e.itemId === itemId);
  // Out with the digest, a text this language lacks reaches its readers in the district's language: after a
  // correction emptied what it changed, a reviewed language can lack some too. Said only where its readers get
  // this tab's text (reviewed, or under `label`); otherwise the status above says what they get.
  const readersGetIt =
    published && !translation.held && (desk.reviewed || state.settings.translationUnreviewed === 'label');
  const missing = readersGetIt ? untranslatedTexts(state, translation) : [];
  // The latest correction's note is not needed for a review, but its readers read it in the district's language.
  const noteMissing = readersGetIt && !!lastCorrection && !translation.correctionNote?.trim();
  return (
    <>
      <h1>{t('desk.translations.heading', { language: label, date: formatLongDate(state.date) })}</h1>
      <TranslationTabs date={state.date} languages={state.settings.languages} current={lang} />
      <p class="status-line">
        {desk.reviewed ? (
          <>
            <span class="badge ok">{t('desk.translations.reviewed')}</span>{' '}
            {translation.reviewedAt
              ? t('desk.translations.reviewedBy', {
                  name: props.names.get(translation.reviewedBy ?? -1) ?? t('desk.translations.apiToken'),
                  when: formatDateTime(translation.reviewedAt, state.settings.timezone),
                })
              : ''}
            {selfReviewed
              ? ' ' +
                t('desk.translations.reviewedByWriter', {
                  name: props.names.get(translation.reviewedBy!) ?? t('desk.translations.apiToken'),
                })
              : ''}
          </>
        ) : (
          <>
            <span class="badge warn">{t('desk.translations.notReviewed')}</span>{' '}
            {translation.held
              ? // What its readers have meanwhile: what they had, or (given the district's text until then, or
                // never given any of it) the district's own text.
                translation.shown
                ? heldBy.length
                  ? t('desk.translations.heldForSecond', { names: listInLanguage(heldBy, 'en') })
                  : t('desk.translations.heldForSecondProgram')
                : heldBy.length
                  ? t('desk.translations.heldForSecondNothingShown', { names: listInLanguage(heldBy, 'en') })
                  : t('desk.translations.heldForSecondProgramNothingShown')
              : state.settings.translationUnreviewed === 'hold'
                ? published
                  ? t('desk.translations.heldPublished')
                  : t('desk.translations.held')
                : state.settings.translationUnreviewed === 'label'
                  ? t('desk.translations.labelled')
                  : t('desk.translations.fallback')}
          </>
        )}
      </p>
      {missing.length || noteMissing ? (
        <p class="flash info" role="note" id="lacking-texts">
          {missing.length
            ? t('desk.translations.missing', {
                count: missing.length,
                language: label,
                own: languageLabel(ownLang),
                texts: missing.slice(0, 8).join('; ') + (missing.length > 8 ? '; …' : ''),
              }) + (desk.reviewed ? t('desk.translations.missingSinceReview', { count: missing.length }) : '')
            : ''}
          {noteMissing
            ? (missing.length ? ' ' : '') +
              t('desk.translations.missingNote', { language: label, own: languageLabel(ownLang) })
            : ''}
        </p>
      ) : null}
      {!digest || state.entries.length === 0 ? (
        <div class="card">
          <p>
            {rich('desk.translations.nothing', {
              link: <a href={`/admin/inbox?date=${state.date}`}>{t('desk.translations.districtLanguage')}</a>,
            })}
          </p>
        </div>
      ) : (
        <form method="post" action={action(state.date, lang, 'save')} class="desk-translation">
          <CsrfField token={props.csrfToken} />
          {/* The version this page shows: a save after the district's text changed is refused, not misapplied. */}
          <input type="hidden" name="version" value={String(digest?.version ?? 0)} />
          {/* The language's text as shown: a save or review over someone else's change is refused. */}
          <input type="hidden" name="revision" value={desk.revision} />
          <section class="card" aria-labelledby="translation-digest-heading">
            <h2 id="translation-digest-heading" class="card-heading">
              {t('desk.translations.digest')}
            </h2>
            <FieldPair
              id="t-title"
              name="title"
              label={t('desk.translations.title')}
              original={digest.title}
              value={translation.title}
              readersHave={readersHave(translation.title, 'title', readers?.digest.title)}
              machine={translation.machine.includes('title')}
              lang={lang}
              ownLang={ownLang}
              maxlength={200}
              disabled={disabled}
              lacking={readersGetIt}
            />
            <FieldPair
              id="t-intro"
              name="intro"
              label={t('desk.translations.intro')}
              original={digest.intro}
              value={translation.intro}
              readersHave={readersHave(translation.intro, 'intro', readers?.digest.intro)}
              machine={translation.machine.includes('intro')}
              lang={lang}
              ownLang={ownLang}
              multiline
              maxlength={1000}
              disabled={disabled}
              lacking={readersGetIt}
            />
            {published && lastCorrection ? (
              <FieldPair
                id="t-correction"
                name="correction_note"
                label={t('desk.translations.correction')}
                original={lastCorrection.note}
                value={translation.correctionNote ?? ''}
                readersHave={readersHave(
                  translation.correctionNote ?? '',
                  `note:${state.corrections.length - 1}`,
                  readers?.corrections?.at(-1)?.note,
                )}
                machine={false}
                lang={lang}
                ownLang={ownLang}
                multiline
                maxlength={500}
                disabled={disabled}
              />
            ) : null}
          </section>
          <ol class="entry-list" aria-label={t('desk.translations.posts', { language: label })}>
            {state.entries.map((entry) => {
              const translated = translation.entries.get(entry.itemId);
              const machine = (field: EntryField) => !!translated?.machine.includes(field);
              const id = (field: string) => `t-${entry.itemId}-${field}`;
              return (
                <li class="card" id={`entry-${entry.itemId}`}>
                  <h2 class="card-heading" lang={ownLang}>
                    {entry.headline}
                  </h2>
                  <input type="hidden" name="item_id" value={String(entry.itemId)} />
                  <FieldPair
                    id={id('headline')}
                    name={`headline_${entry.itemId}`}
                    label={t('desk.translations.headline')}
                    original={entry.headline}
                    value={translated?.headline ?? ''}
                    readersHave={readersHave(
                      translated?.headline ?? '',
                      `headline:${entry.itemId}`,
                      readersEntry(entry.itemId)?.headline,
                    )}
                    machine={machine('headline')}
                    lang={lang}
                    ownLang={ownLang}
                    maxlength={200}
                    disabled={disabled}
                    lacking={readersGetIt}
                  />
                  <FieldPair
                    id={id('blurb')}
                    name={`blurb_${entry.itemId}`}
                    label={t('desk.translations.blurb')}
                    original={entry.blurb}
                    value={translated?.blurb ?? ''}
                    readersHave={readersHave(
                      translated?.blurb ?? '',
                      `blurb:${entry.itemId}`,
                      readersEntry(entry.itemId)?.blurb,
                    )}
                    machine={machine('blurb')}
                    lang={lang}
                    ownLang={ownLang}
                    multiline
                    maxlength={1000}
                    disabled={disabled}
                    lacking={readersGetIt}
                  />
                  {entry.imageUrl ? (
                    <FieldPair
                      id={id('alt')}
                      name={`image_alt_${entry.itemId}`}
                      label={t('desk.translations.alt')}
                      original={entry.imageAlt ?? ''}
                      value={translated?.imageAlt ?? ''}
                      readersHave={readersHave(
                        translated?.imageAlt ?? '',
                        `alt:${entry.itemId}`,
                        readersEntry(entry.itemId)?.imageAlt,
                      )}
                      machine={machine('imageAlt')}
                      lang={lang}
                      ownLang={ownLang}
                      multiline
                      maxlength={500}
                      disabled={disabled}
                      lacking={readersGetIt}
                    />
                  ) : null}
                </li>
              );
            })}
          </ol>
          {props.canEdit ? (
            <div class="actions">
              <button type="submit">{t('desk.translations.save')}</button>
              {props.provider ? (
                <button type="submit" class="secondary" formaction={action(state.date, lang, 'draft')}>
                  {t('desk.translations.draft')}
                </button>
              ) : null}
              {reviewIsOthers ? null : (
                <button type="submit" class="secondary" formaction={action(state.date, lang, 'review')}>
                  {t('desk.translations.review')}
                </button>
              )}
              {heldChanges && translation.shown ? (
                <button type="submit" class="secondary" formaction={action(state.date, lang, 'withdraw')}>
                  {t('desk.translations.withdraw')}
                </button>
              ) : null}
              {heldChanges ? (
                <button type="submit" class="secondary" formaction={action(state.date, lang, 'discard')}>
                  {t('desk.translations.discard')}
                </button>
              ) : null}
            </div>
          ) : null}
          {props.canEdit ? (
            <p class="hint">
              {props.provider ? t('desk.translations.draftHint', { provider: props.provider }) : ''}
              {reviewIsOthers
                ? translation.shown
                  ? t('desk.translations.reviewIsOthersKept', { language: label })
                  : t('desk.translations.reviewIsOthers', { language: label })
                : othersToo
                  ? t('desk.translations.reviewOthersChanges', { language: label })
                  : secondPerson
                    ? t('desk.translations.reviewHintSecondPerson', { language: label })
                    : t('desk.translations.reviewHint', { language: label })}
              {heldChanges
                ? translation.shown
                  ? t('desk.translations.discardHint') + t('desk.translations.withdrawHint')
                  : t('desk.translations.discardHintNothing')
                : ''}
            </p>
          ) : null}
        </form>
      )}
    </>
  );
}

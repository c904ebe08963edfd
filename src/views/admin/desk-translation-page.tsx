// The desk's tab for one of the district's other languages: the title, intro and every entry's headline,
// blurb and alt text, each beside the district's own text; Save, Draft a translation (when a service is
// configured) and Mark reviewed. A plain form: every button works without JavaScript.
import type { TranslationDesk } from '../../curate/translations';
import type { EntryField } from '../../db/translations';
import { LANGUAGES, type Language } from '../../i18n/languages';
import { formatLongDate } from '../../publish/digest-content';
import { formatDateTime } from '../../time/format';
import { CsrfField } from '../admin-layout';
import { languageLabel } from '../../curate/translations-checks';

/** The tabs above the desk: the district's own language (the desk itself), then one per other language. */
export function TranslationTabs(props: { date: string; languages: readonly Language[]; current?: Language }) {
  if (props.languages.length < 2) return null;
  const [own, ...others] = props.languages;
  return (
    <nav class="datebar" aria-label="Languages of this digest">
      <a
        href={`/admin/inbox?date=${props.date}`}
        aria-current={props.current === undefined || props.current === own ? 'page' : undefined}
      >
        {languageLabel(own!)} (the district’s)
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
  names: Map<number, string>;
}

const action = (date: string, lang: string, what: string) => `/admin/translations/${date}/${lang}/${what}`;

function MachineBadge(props: { on: boolean }) {
  return props.on ? <span class="badge warn small">machine draft</span> : null;
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
}) {
  const { dir } = LANGUAGES[props.lang];
  return (
    <div class="columns">
      <div>
        <p class="muted small">{props.label}, the district’s text</p>
        <p lang={props.ownLang} id={`${props.id}-original`}>
          {props.original || <span class="muted">(empty)</span>}
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
            aria-describedby={`${props.id}-original`}
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
            aria-describedby={`${props.id}-original`}
          />
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
  return (
    <>
      <h1>
        {label} for {formatLongDate(state.date)}
      </h1>
      <TranslationTabs date={state.date} languages={state.settings.languages} current={lang} />
      <p class="status-line">
        {desk.reviewed ? (
          <>
            <span class="badge ok">Reviewed</span>{' '}
            {translation.reviewedAt
              ? `by ${props.names.get(translation.reviewedBy ?? -1) ?? 'an API token'}, ${formatDateTime(translation.reviewedAt, state.settings.timezone)}`
              : ''}
          </>
        ) : (
          <>
            <span class="badge warn">Not reviewed</span>{' '}
            {state.settings.translationUnreviewed === 'hold'
              ? 'The digest is held until someone reviews this language.'
              : state.settings.translationUnreviewed === 'label'
                ? 'Published as it is, with the line “Translated automatically”.'
                : 'Its readers get the district’s own text, with a line saying so.'}
          </>
        )}
      </p>
      {!digest || state.entries.length === 0 ? (
        <div class="card">
          <p>
            Nothing is selected for this day yet. Choose the posts in the{' '}
            <a href={`/admin/inbox?date=${state.date}`}>district’s language</a> first, then translate them.
          </p>
        </div>
      ) : (
        <form method="post" action={action(state.date, lang, 'save')} class="desk-translation">
          <CsrfField token={props.csrfToken} />
          <section class="card" aria-labelledby="translation-digest-heading">
            <h2 id="translation-digest-heading" class="card-heading">
              The digest
            </h2>
            <FieldPair
              id="t-title"
              name="title"
              label="Title"
              original={digest.title}
              value={translation.title}
              machine={translation.machine.includes('title')}
              lang={lang}
              ownLang={ownLang}
              maxlength={200}
              disabled={disabled}
            />
            <FieldPair
              id="t-intro"
              name="intro"
              label="Intro"
              original={digest.intro}
              value={translation.intro}
              machine={translation.machine.includes('intro')}
              lang={lang}
              ownLang={ownLang}
              multiline
              maxlength={1000}
              disabled={disabled}
            />
            {published && lastCorrection ? (
              <FieldPair
                id="t-correction"
                name="correction_note"
                label="Latest correction note (optional; else the original shows)"
                original={lastCorrection.note}
                value={translation.correctionNote ?? ''}
                machine={false}
                lang={lang}
                ownLang={ownLang}
                multiline
                maxlength={500}
                disabled={disabled}
              />
            ) : null}
          </section>
          <ol class="entry-list" aria-label={`Posts in the digest, in ${label}`}>
            {state.entries.map((entry) => {
              const t = translation.entries.get(entry.itemId);
              const machine = (field: EntryField) => !!t?.machine.includes(field);
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
                    label="Headline"
                    original={entry.headline}
                    value={t?.headline ?? ''}
                    machine={machine('headline')}
                    lang={lang}
                    ownLang={ownLang}
                    maxlength={200}
                    disabled={disabled}
                  />
                  <FieldPair
                    id={id('blurb')}
                    name={`blurb_${entry.itemId}`}
                    label="Blurb"
                    original={entry.blurb}
                    value={t?.blurb ?? ''}
                    machine={machine('blurb')}
                    lang={lang}
                    ownLang={ownLang}
                    multiline
                    maxlength={1000}
                    disabled={disabled}
                  />
                  {entry.imageUrl ? (
                    <FieldPair
                      id={id('alt')}
                      name={`image_alt_${entry.itemId}`}
                      label="Picture alt text"
                      original={entry.imageAlt ?? ''}
                      value={t?.imageAlt ?? ''}
                      machine={machine('imageAlt')}
                      lang={lang}
                      ownLang={ownLang}
                      multiline
                      maxlength={500}
                      disabled={disabled}
                    />
                  ) : null}
                </li>
              );
            })}
          </ol>
          {props.canEdit ? (
            <div class="actions">
              <button type="submit">Save</button>
              {props.provider ? (
                <button type="submit" class="secondary" formaction={action(state.date, lang, 'draft')}>
                  Draft a translation
                </button>
              ) : null}
              <button type="submit" class="secondary" formaction={action(state.date, lang, 'review')}>
                Mark reviewed
              </button>
            </div>
          ) : null}
          {props.canEdit ? (
            <p class="hint">
              {props.provider
                ? `Draft a translation fills only the empty fields, from ${props.provider}, and marks them machine drafts. `
                : ''}
              Mark reviewed saves the page and records that you checked every field in {label}.
            </p>
          ) : null}
        </form>
      )}
    </>
  );
}
